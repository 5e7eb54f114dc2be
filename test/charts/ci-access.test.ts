import { describe, expect, test } from 'vitest';
import { ARGOCD_NAMESPACE } from '../../charts/argocd-namespace.js';
import { PLATFORM_COMPONENTS } from '../../charts/components.js';
import { teamNamespace } from '../../config/derive/cluster-names.js';
import { CI_KUBERNETES_GROUPS } from '../../config/derive/facts.js';
import { loadWorkflow } from '../ci/workflows.js';
import { clusterAt, objectsOf } from '../support/manifests.js';
import { platformConfig, resourcesOf } from '../support/platform.js';

const objects = (dir: string) =>
  objectsOf(clusterAt(dir))
    .filter((o) => o.file === 'ci-access.k8s.yaml')
    .map((o) => o.object as any);

/** The rules a group holds in a namespace through RoleBindings to ClusterRoles of the same file. */
function rulesOf(dir: string, group: string, namespace: string): any[] {
  const all = objects(dir);
  return all
    .filter(
      (o) =>
        o.kind === 'RoleBinding' &&
        o.metadata.namespace === namespace &&
        o.subjects.some((s: any) => s.kind === 'Group' && s.name === group),
    )
    .flatMap((b) => all.find((o) => o.kind === 'ClusterRole' && o.metadata.name === b.roleRef.name)?.rules ?? []);
}
const allows = (rules: any[], group: string, resource: string, verb: string) =>
  rules.some((r) => r.apiGroups.includes(group) && r.resources.includes(resource) && r.verbs.includes(verb));

describe('ci-access chart (RBAC of the CI roles)', () => {
  test("the deploy role's group may read exactly what the post-deploy checks read: Argo CD Applications", () => {
    const script = (loadWorkflow('deploy-environment.yml').jobs.deploy?.steps ?? []).map((s) => s.run ?? '').join('\n');
    expect(script).toContain('applications.argoproj.io');
    for (const dir of ['dev/us-east-1', 'staging/us-east-1', 'prod/us-east-1', 'prod/us-west-2']) {
      const rules = rulesOf(dir, CI_KUBERNETES_GROUPS.deploy, ARGOCD_NAMESPACE);
      for (const verb of ['get', 'list', 'watch']) expect(allows(rules, 'argoproj.io', 'applications', verb), `${dir} ${verb}`).toBe(true);
      expect(rules.flatMap((r) => r.verbs)).not.toEqual(expect.arrayContaining(['create']));
    }
  });

  test("the read-only role's group may port-forward to the services, only where load tests run (staging tier)", () => {
    const namespaces = [...new Set(platformConfig().services.map((s) => teamNamespace(s.team)))];
    for (const namespace of namespaces) {
      const rules = rulesOf('staging/us-east-1', CI_KUBERNETES_GROUPS.loadTest, namespace);
      expect(allows(rules, '', 'pods/portforward', 'create'), namespace).toBe(true);
      expect(allows(rules, '', 'services', 'get'), namespace).toBe(true);
      expect(rulesOf('prod/us-east-1', CI_KUBERNETES_GROUPS.loadTest, namespace)).toEqual([]);
    }
  });

  test('binds the same groups the cluster stack puts on the CI access entries', () => {
    const bound = new Set(
      objects('staging/us-east-1')
        .filter((o) => o.kind === 'RoleBinding')
        .flatMap((b) => b.subjects.map((s: any) => s.name)),
    );
    const entries = resourcesOf('staging-us-east-1-cluster', 'aws_eks_access_entry').flatMap((e) => e.kubernetes_groups ?? []);
    expect([...bound].sort()).toEqual([...new Set(entries)].sort());
  });

  test('Argo CD applies it after the team namespaces its bindings land in', () => {
    const component = PLATFORM_COMPONENTS.find((c) => c.name === 'ci-access');
    const namespaces = PLATFORM_COMPONENTS.find((c) => c.name === 'team-namespaces');
    expect(component?.charts?.map((c) => c.id)).toEqual(['ci-access']);
    expect(component?.syncWave).toBeGreaterThan(namespaces?.syncWave ?? Infinity);
  });
});
