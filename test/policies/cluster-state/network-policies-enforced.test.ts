import { describe, expect, it } from 'vitest';
import { ADDON_CONFIGURATION } from '../../../constructs/aws/eks-cluster.js';
import { networkPoliciesEnforced } from '../../../policies/cluster-state/network-policies-enforced.js';
import { fixtureState, stateAt, stateContext, stateObject } from '../../support/cluster-state.js';
import { stackJson } from '../../support/platform.js';

const policy = stateObject({
  application: 'network-policies',
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  name: 'default-deny',
  body: { spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] } },
});
const stack = (configuration?: string) => ({
  resource: {
    aws_eks_addon: {
      cni: { addon_name: 'vpc-cni', ...(configuration ? { configuration_values: configuration } : {}) },
      dns: { addon_name: 'coredns' },
    },
  },
});
const check = (clusterStack?: Record<string, unknown>, objects = [policy]) =>
  networkPoliciesEnforced.check(fixtureState(objects), { ...stateContext(), ...(clusterStack ? { clusterStack } : {}) });

describe('network-policies-enforced', () => {
  it('passes when the vpc-cni add-on enables the network-policy agent, or when the cluster has no NetworkPolicies', () => {
    expect(check(stack('{"enableNetworkPolicy":"true"}'))).toEqual([]);
    expect(check(stack(), [])).toEqual([]);
  });

  it('fails NetworkPolicies on a CNI that does not enforce them, naming the Application and the stack', () => {
    expect(check(stack())).toEqual([
      {
        where: 'network-policies',
        detail:
          '1 NetworkPolicies, but the vpc-cni add-on of stack dev-us-east-1-cluster does not set enableNetworkPolicy "true" in its configuration_values: they are accepted and never enforced',
      },
    ]);
    expect(check(stack('{"enableNetworkPolicy":"false"}'))).toHaveLength(1);
  });

  it('fails when the cluster stack was not handed to the check', () => {
    expect(check(undefined)[0]?.detail).toMatch(/stack dev-us-east-1-cluster was not given to the check/);
  });
});

describe('the TradeSense clusters', () => {
  it.each(['dev/us-east-1', 'prod/us-west-2'])(
    '%s: the synthesized vpc-cni add-on enforces the NetworkPolicies the cluster has',
    async (dir) => {
      const state = await stateAt(dir);
      const clusterStack = stackJson(`${dir.replace('/', '-')}-cluster`);
      expect(networkPoliciesEnforced.check(state, { ...stateContext(dir), clusterStack })).toEqual([]);
      const addon = Object.values(
        clusterStack.resource.aws_eks_addon as Record<string, { addon_name: string; configuration_values?: string }>,
      ).find((a) => a.addon_name === 'vpc-cni');
      expect(JSON.parse(addon?.configuration_values ?? '{}')).toEqual({ enableNetworkPolicy: 'true' });
      // Without the add-on setting (the old output) the same cluster fails.
      const withoutConfig = { resource: { aws_eks_addon: { cni: { addon_name: 'vpc-cni' } } } };
      expect(networkPoliciesEnforced.check(state, { ...stateContext(dir), clusterStack: withoutConfig })).toHaveLength(1);
      expect(ADDON_CONFIGURATION['vpc-cni']).toEqual({ enableNetworkPolicy: 'true' });
    },
  );
});
