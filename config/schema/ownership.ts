import { z } from 'zod';
import { envName, k8sName } from './primitives.js';

/**
 * A CODEOWNERS pattern: gitignore-like, `/`-anchored for top-level paths,
 * trailing `/` for directories. Negation (`!`) and `[...]` classes are not
 * supported by GitHub's CODEOWNERS, so they are rejected here.
 */
export const ownershipPattern = z
  .string()
  .min(1)
  .regex(/^[^\s!#[\]\\]+$/, { error: 'CODEOWNERS patterns cannot hold spaces, #, !, [ ] or \\ (GitHub ignores such lines)' });

export const OwnershipRuleSchema = z.strictObject({
  pattern: ownershipPattern,
  /** Teams (names from `teams`) that own the path; any one of them can give the code-owner review. */
  teams: z.array(k8sName).min(1),
  /** A change here can alter production (infrastructure, manifests, pipelines). @default false */
  prodAffecting: z.boolean().default(false),
  /** Why this team owns it, written into CODEOWNERS above the line. */
  reason: z.string().min(1),
});

export const EnvironmentGateSchema = z.strictObject({
  /** Teams (names from `teams`) that must approve a deployment; empty deploys without approval. @default [] */
  reviewers: z.array(k8sName).max(6, { error: 'GitHub allows at most 6 required reviewers per environment' }).default([]),
  /** Minutes a deployment waits after approval, a window to abort. @default 0 */
  waitTimerMinutes: z.number().int().min(0).max(43_200, { error: 'GitHub caps the wait timer at 43200 minutes (30 days)' }).default(0),
});

export const OwnershipSchema = z.strictObject({
  /** The catch-all owners (`*`) for any path no rule names. */
  defaultTeams: z.array(k8sName).min(1),
  /** Path rules; like CODEOWNERS, the last matching rule wins, so list specific paths after broad ones. */
  rules: z.array(OwnershipRuleSchema).min(1),
  /** The protected branch: PRs merge here, deployments and the ruleset target it. */
  protectedBranch: z.string().regex(/^[\w./-]+$/, { error: 'protectedBranch must be a branch name such as main' }),
  approvals: z.strictObject({
    /** Approvals a PR that touches no prod-affecting path needs. @default 1 */
    standard: z.number().int().min(1).default(1),
    /** Approvals a PR that touches a prod-affecting path needs. @default 2 */
    prodAffecting: z.number().int().min(2, { error: 'prod-affecting changes need at least 2 approvals (audit finding)' }).default(2),
  }),
  /** Job ids of .github/workflows/pr.yml that must pass before a merge (status check contexts). */
  requiredChecks: z.array(z.string().regex(/^[\w-]+$/, { error: 'a required check is a job id such as unit-tests' })).min(1),
  /** Deployment gates per environment (keyed by environment name); an environment without one deploys without approval. */
  environments: z.record(envName, EnvironmentGateSchema),
  /** The environment whose account holds the GitHub governance stack's state. */
  governanceEnvironment: envName,
  /** IAM role every environment account trusts for GitHub OIDC deploys (`arn:aws:iam::<account>:role/<name>`). */
  deployRoleName: z.string().regex(/^[\w+=,.@-]{1,64}$/, { error: 'deployRoleName must be an IAM role name' }),
  /** Read-only IAM role for scheduled jobs (drift plans, load tests) that run without an environment gate. */
  readOnlyRoleName: z.string().regex(/^[\w+=,.@-]{1,64}$/, { error: 'readOnlyRoleName must be an IAM role name' }),
});

export type OwnershipRule = z.infer<typeof OwnershipRuleSchema>;
export type EnvironmentGate = z.infer<typeof EnvironmentGateSchema>;
export type Ownership = z.infer<typeof OwnershipSchema>;
