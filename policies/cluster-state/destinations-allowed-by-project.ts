import type { ClusterStateRule, StateViolation } from '../types.js';
import { groupKindOf, stateWhere, type ClusterState, type StateObject } from './types.js';

interface GroupKind {
  readonly group: string;
  readonly kind: string;
}

interface ProjectSpec {
  readonly destinations?: readonly { namespace?: string; server?: string }[];
  readonly clusterResourceWhitelist?: readonly GroupKind[];
  readonly namespaceResourceWhitelist?: readonly GroupKind[];
}

/** Each project entry's pattern compiled once: the check matches every object against every entry. */
const patterns = new Map<string, RegExp>();

/** Argo CD matches project entries as globs (`*`, `team-*`). */
function glob(pattern: string, value: string): boolean {
  let compiled = patterns.get(pattern);
  if (compiled === undefined) {
    const escaped = pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'));
    patterns.set(pattern, (compiled = new RegExp(`^${escaped.join('.*')}$`)));
  }
  return compiled.test(value);
}

const listed = (list: readonly GroupKind[] | undefined, o: StateObject) => {
  const [group = '', kind = ''] = groupKindOf(o).split('/');
  return (list ?? []).some((e) => glob(e.group || '', group) && glob(e.kind, kind));
};

function projectsOf(state: ClusterState): Map<string, ProjectSpec> {
  return new Map(state.objects.filter((o) => o.kind === 'AppProject').map((o) => [o.name, (o.body.spec ?? {}) as ProjectSpec]));
}

/**
 * Argo CD refuses to sync an object its Application's AppProject does not
 * permit: a namespace outside the project's destinations, a cluster-scoped kind
 * not on the whitelist, or (where the project whitelists namespaced kinds) any
 * other kind. The whole Application then stays OutOfSync.
 */
export const destinationsAllowedByProject: ClusterStateRule = {
  id: 'destinations-allowed-by-project',
  check: (state) => {
    const projects = projectsOf(state);
    const appProject = new Map(state.applications.map((a) => [a.name, a.project]));
    const violations: StateViolation[] = [];
    for (const o of state.objects) {
      const projectName = appProject.get(o.application) ?? '';
      const project = projects.get(projectName);
      if (!project) {
        violations.push({
          where: stateWhere(o),
          detail: `Application '${o.application}' names AppProject '${projectName}', which no Application of this cluster creates`,
        });
        continue;
      }
      if (o.clusterScoped) {
        if (!listed(project.clusterResourceWhitelist, o)) {
          violations.push({
            where: stateWhere(o),
            detail: `cluster-scoped ${groupKindOf(o)} is not on AppProject '${projectName}''s clusterResourceWhitelist`,
          });
        }
        continue;
      }
      const namespace = o.namespace ?? '';
      if (!(project.destinations ?? []).some((d) => glob(d.namespace ?? '', namespace))) {
        violations.push({ where: stateWhere(o), detail: `namespace '${namespace}' is not a destination of AppProject '${projectName}'` });
      }
      if (project.namespaceResourceWhitelist && !listed(project.namespaceResourceWhitelist, o)) {
        violations.push({
          where: stateWhere(o),
          detail: `${groupKindOf(o)} is not on AppProject '${projectName}''s namespaceResourceWhitelist`,
        });
      }
    }
    return violations;
  },
};
