import type { ClusterStateRule } from '../types.js';
import { type Json, obj } from '../json.js';

/** `enableNetworkPolicy` of the vpc-cni add-on's configuration values (a JSON document, as the EKS API takes it). */
function networkPolicyEnabled(clusterStack: Readonly<Json>): boolean {
  const addons = Object.values(obj(obj(clusterStack.resource).aws_eks_addon)).map(obj);
  return addons.some((a) => {
    if (a.addon_name !== 'vpc-cni' || typeof a.configuration_values !== 'string') return false;
    try {
      const enabled = obj(JSON.parse(a.configuration_values)).enableNetworkPolicy;
      return enabled === 'true' || enabled === true;
    } catch {
      return false;
    }
  });
}

/**
 * The VPC CNI enforces NetworkPolicies only when its add-on configuration turns
 * on the network-policy agent (`enableNetworkPolicy: "true"`); without it every
 * policy is accepted and none is enforced, so the default-deny posture exists
 * on paper only. Reads both halves: the cluster's NetworkPolicies and the
 * `vpc-cni` `aws_eks_addon` of its cluster stack.
 */
export const networkPoliciesEnforced: ClusterStateRule = {
  id: 'network-policies-enforced',
  check: (state, ctx) => {
    const policies = state.objects.filter((o) => o.kind === 'NetworkPolicy' && o.apiVersion.startsWith('networking.k8s.io/'));
    if (policies.length === 0) return [];
    const applications = [...new Set(policies.map((p) => p.application))].sort();
    const stack = `${ctx.facts.stackPrefix}-cluster`;
    if (!ctx.clusterStack) {
      return applications.map((where) => ({
        where,
        detail: `the cluster has NetworkPolicies, and stack ${stack} was not given to the check: nothing shows the CNI enforces them`,
      }));
    }
    if (networkPolicyEnabled(ctx.clusterStack)) return [];
    return applications.map((where) => ({
      where,
      detail: `${policies.filter((p) => p.application === where).length} NetworkPolicies, but the vpc-cni add-on of stack ${stack} does not set enableNetworkPolicy "true" in its configuration_values: they are accepted and never enforced`,
    }));
  },
};
