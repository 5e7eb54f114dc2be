import { describe, expect, it } from 'vitest';
import { podIdentitiesBound } from '../../../policies/cluster-state/pod-identities-bound.js';
import { fixtureState, platformStates, stateContext, stateObject } from '../../support/cluster-state.js';
import { stackJson } from '../../support/platform.js';

const stack = (namespace: string, serviceAccount: string) => ({
  resource: { aws_eks_pod_identity_association: { velero: { namespace, service_account: serviceAccount } } },
});
const account = stateObject({ application: 'velero', kind: 'ServiceAccount', name: 'velero', namespace: 'velero' });

describe('pod-identities-bound', () => {
  it('passes an association whose ServiceAccount the cluster creates', () => {
    expect(podIdentitiesBound.check(fixtureState([account]), { ...stateContext(), clusterStack: stack('velero', 'velero') })).toEqual([]);
  });

  it('fails an association to an account no Application creates, naming it', () => {
    const [v] = podIdentitiesBound.check(fixtureState([account]), { ...stateContext(), clusterStack: stack('velero', 'velero-server') });
    expect(v).toEqual({
      where: 'cluster#aws_eks_pod_identity_association.velero',
      detail: expect.stringMatching(/binds ServiceAccount velero\/velero-server, which no Application/),
    });
  });

  it('holds in every TradeSense cluster', async () => {
    for (const state of await platformStates()) {
      const clusterStack = stackJson(`${state.envName}-${state.region}-cluster`);
      expect(podIdentitiesBound.check(state, { ...stateContext(state.dir), clusterStack })).toEqual([]);
    }
  });
});
