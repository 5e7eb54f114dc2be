import { describe, expect, it } from 'vitest';
import { destinationsAllowedByProject } from '../../../policies/cluster-state/destinations-allowed-by-project.js';
import { fixtureState, stateApplication, stateContext, stateObject } from '../../support/cluster-state.js';

const project = stateObject({
  application: 'root',
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'AppProject',
  name: 'platform',
  namespace: 'argocd',
  body: {
    spec: {
      destinations: [{ server: 'https://kubernetes.default.svc', namespace: 'monitoring' }, { namespace: 'team-*' }],
      clusterResourceWhitelist: [{ group: 'rbac.authorization.k8s.io', kind: 'ClusterRole' }],
    },
  },
});
const root = stateApplication({ name: 'root', project: 'root' });
const rootProject = stateObject({
  application: 'root',
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'AppProject',
  name: 'root',
  namespace: 'argocd',
  body: { spec: { destinations: [{ namespace: 'argocd' }] } },
});
const app = stateApplication({ name: 'kube-prometheus-stack', project: 'platform' });
const check = (...objects: ReturnType<typeof stateObject>[]) =>
  destinationsAllowedByProject.check(fixtureState([rootProject, project, ...objects], [root, app]), stateContext());

describe('destinations-allowed-by-project', () => {
  it('passes objects in a destination namespace (globs included) and whitelisted cluster-scoped kinds', () => {
    expect(
      check(
        stateObject({ application: 'kube-prometheus-stack', kind: 'Service', name: 'prometheus', namespace: 'monitoring' }),
        stateObject({ application: 'kube-prometheus-stack', kind: 'Service', name: 'x', namespace: 'team-risk' }),
        stateObject({
          application: 'kube-prometheus-stack',
          apiVersion: 'rbac.authorization.k8s.io/v1',
          kind: 'ClusterRole',
          name: 'r',
          clusterScoped: true,
        }),
      ),
    ).toEqual([]);
  });

  it('fails a namespace outside the project, naming Application, object and namespace', () => {
    const [v] = check(
      stateObject({
        application: 'kube-prometheus-stack',
        kind: 'Service',
        name: 'kube-prometheus-stack-coredns',
        namespace: 'kube-system',
      }),
    );
    expect(v?.where).toBe('kube-prometheus-stack#Service/kube-system/kube-prometheus-stack-coredns');
    expect(v?.detail).toMatch(/namespace 'kube-system' is not a destination of AppProject 'platform'/);
  });

  it('fails a cluster-scoped kind the project does not whitelist', () => {
    const [v] = check(
      stateObject({
        application: 'kube-prometheus-stack',
        apiVersion: 'storage.k8s.io/v1',
        kind: 'StorageClass',
        name: 'gp3',
        clusterScoped: true,
      }),
    );
    expect(v?.detail).toMatch(/cluster-scoped storage.k8s.io\/StorageClass is not on AppProject 'platform''s clusterResourceWhitelist/);
  });

  it('fails an Application whose project no one creates', () => {
    const orphan = stateApplication({ name: 'orphan', project: 'missing' });
    const found = destinationsAllowedByProject.check(
      fixtureState([stateObject({ application: 'orphan', kind: 'ConfigMap', name: 'c' })], [orphan]),
      stateContext(),
    );
    expect(found).toHaveLength(1);
    expect(found[0]?.detail).toMatch(/names AppProject 'missing'/);
  });
});
