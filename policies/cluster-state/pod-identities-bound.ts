import type { ClusterStateRule, StateViolation } from '../types.js';
import { obj } from '../json.js';

/**
 * Every EKS Pod Identity association of the cluster stack names a
 * ServiceAccount the cluster state creates, in that namespace: the role's
 * trust requires the exact service account (and namespace and cluster), so a
 * chart whose account is named differently gets no AWS credentials and its
 * controller fails at its first AWS call. Add-on associations
 * (`aws_eks_addon.pod_identity_association`) use accounts the add-on creates.
 */
export const podIdentitiesBound: ClusterStateRule = {
  id: 'pod-identities-bound',
  check: (state, ctx) => {
    if (!ctx.clusterStack) return [{ where: 'cluster', detail: `stack ${ctx.facts.stackPrefix}-cluster was not given to the check` }];
    const accounts = new Set(state.objects.filter((o) => o.kind === 'ServiceAccount').map((o) => `${o.namespace}/${o.name}`));
    const associations = Object.entries(obj(obj(ctx.clusterStack.resource).aws_eks_pod_identity_association));
    const found: StateViolation[] = [];
    for (const [name, raw] of associations.sort(([a], [b]) => a.localeCompare(b))) {
      const a = obj(raw);
      const key = `${String(a.namespace)}/${String(a.service_account)}`;
      if (accounts.has(key)) continue;
      found.push({
        where: `cluster#aws_eks_pod_identity_association.${name}`,
        detail: `binds ServiceAccount ${key}, which no Application of the cluster creates: the pods that need its role get no credentials`,
      });
    }
    return found;
  },
};
