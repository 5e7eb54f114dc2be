import type { Waiver } from '../types.js';

/**
 * Reviewed exceptions to `account-prerequisites-declared`: a reference that is
 * knowingly dangling for a while. Same shape and rules as policies/waivers.ts
 * (reason, expiry within 90 days, unused ones reported).
 */
export const PREREQUISITE_WAIVERS: readonly Waiver[] = [
  {
    rule: 'account-prerequisites-declared',
    resource: 'prod-us-*-cluster/aws_iam_role_policy.karpenter-identity_policy_*',
    reason:
      "prod runs no Karpenter (cost.environments.prod.capacity is managed-spot), yet stacks/cluster.ts gives every cluster a Karpenter role reading the interruption queue only the Karpenter stack creates; " +
      'issue 13 item 5 creates that role only where Karpenter runs. IAM accepts a policy naming a missing queue, so the first apply is unaffected.',
    expires: '2027-01-31',
  },
];
