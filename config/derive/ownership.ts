import type { Ownership } from '../schema/ownership.js';

/**
 * Approvals the protected-branch ruleset requires. A ruleset applies to a branch,
 * not to paths, so when any path is prod-affecting every PR needs the higher count.
 */
export function protectedBranchApprovals(ownership: Ownership): number {
  return ownership.rules.some((r) => r.prodAffecting) ? ownership.approvals.prodAffecting : ownership.approvals.standard;
}
