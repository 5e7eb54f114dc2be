import type { ClusterStateRule, StateViolation } from '../types.js';
import { apiGroupOf, CLUSTER_PROVIDED_GROUPS } from './api-groups.js';
import { hasSyncOption, syncOrder } from './sync-order.js';
import { groupKindOf, stateWhere, type ClusterState, type StateObject } from './types.js';
import { obj } from '../json.js';

interface CrdSource {
  readonly object: StateObject;
  /** Created by a controller after the object is applied (Gatekeeper makes a constraint's CRD from its template). */
  readonly runtime: boolean;
}

/** Every `group/Kind` a CRD, or a ConstraintTemplate (through Gatekeeper), brings into the cluster. */
function crdSources(state: ClusterState): Map<string, CrdSource[]> {
  const sources = new Map<string, CrdSource[]>();
  const add = (gk: string, source: CrdSource) => sources.set(gk, [...(sources.get(gk) ?? []), source]);
  for (const o of state.objects) {
    const spec = obj(o.body.spec);
    if (groupKindOf(o) === 'apiextensions.k8s.io/CustomResourceDefinition')
      add(`${String(spec.group)}/${String(obj(spec.names).kind)}`, { object: o, runtime: false });
    if (groupKindOf(o) === 'templates.gatekeeper.sh/ConstraintTemplate') {
      add(`constraints.gatekeeper.sh/${String(obj(obj(obj(spec.crd).spec).names).kind)}`, { object: o, runtime: true });
    }
  }
  return sources;
}

/**
 * Argo CD applies a custom resource only once its kind is served: the CRD must
 * come from an Application of an earlier wave (the root waits for it to be
 * healthy), or from the same Application — in the same sync Argo CD skips the
 * dry run for a kind whose CRD is part of it and creates CRDs first within a
 * wave, so the CRD's wave may not come later than the resource's. In the same
 * wave of another Application (or for a CRD a controller creates later) only
 * `SkipDryRunOnMissingResource=true` lets the dry run pass, and retries
 * converge once the CRD is there. A kind whose CRD nothing installs never syncs.
 */
export const crdsInstalledBeforeCustomResources: ClusterStateRule = {
  id: 'crds-installed-before-custom-resources',
  check: (state) => {
    const sources = crdSources(state);
    const order = syncOrder(state);
    const violations: StateViolation[] = [];
    for (const o of state.objects) {
      if (CLUSTER_PROVIDED_GROUPS.has(apiGroupOf(o.apiVersion))) continue;
      const gk = groupKindOf(o);
      const found = sources.get(gk) ?? [];
      if (found.length === 0) {
        violations.push({
          where: stateWhere(o),
          detail: `no Application of this cluster installs the CRD of ${gk}; add the component that provides it`,
        });
        continue;
      }
      const skipDryRun = hasSyncOption(state, o, 'SkipDryRunOnMissingResource=true');
      const inTime = found.some(({ object: crd, runtime }) => {
        const cmp = order.compare(crd, o);
        if (cmp < 0) return true;
        if (cmp > 0) return false;
        return (crd.application === o.application && !runtime) || skipDryRun;
      });
      if (!inTime) {
        const where = found
          .map(({ object: crd }) => `${crd.kind === 'CustomResourceDefinition' ? 'CRD' : crd.kind} ${crd.name} at ${order.describe(crd)}`)
          .join('; ');
        violations.push({ where: stateWhere(o), detail: `${gk} is applied at ${order.describe(o)}, not after its CRD (${where})` });
      }
    }
    return violations;
  },
};
