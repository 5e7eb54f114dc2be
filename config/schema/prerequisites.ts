import { z } from 'zod';
import { awsRegion, envName } from './primitives.js';

/**
 * What an account prerequisite is. The synth check (policies/prerequisites/)
 * gives every external reference one of these kinds; a declaration covers a
 * reference of the same kind whose name or ARN it matches.
 */
export const PREREQUISITE_KINDS = [
  'iam-role',
  'service-linked-role',
  'iam-policy',
  'route53-zone',
  'acm-certificate',
  /** A Secrets Manager secret created, and given its value, outside Terraform. */
  'secret-value-filled-out-of-band',
  'ssm-parameter',
  'kms-alias',
  's3-bucket',
  'github-team',
  /** Any other ARN: say in `why` what it is. */
  'aws-resource',
] as const;
export type PrerequisiteKind = (typeof PREREQUISITE_KINDS)[number];

export const PrerequisiteSchema = z.strictObject({
  kind: z.enum(PREREQUISITE_KINDS, { error: `kind must be one of ${PREREQUISITE_KINDS.join(', ')}` }),
  /**
   * The ARN (IAM roles, policies, secrets, parameters, aliases...) or the name
   * (Route53 zone, certificate domain, GitHub team slug) exactly as the stacks
   * write it; `*` matches any run of characters.
   */
  match: z.string().min(1, { error: 'match is the exact ARN or name the stacks reference' }),
  /** Region of a regional thing looked up by name (an ACM certificate). @default any region */
  region: awsRegion.optional(),
  /** Why a stack needs it and what breaks without it. */
  why: z.string().min(20, { error: 'say why the stacks need it and what fails without it (at least 20 characters)' }),
  /** The command (or console step) that creates it, run once per account before the first deploy. */
  create: z.string().min(10, { error: 'give the command or console step that creates it' }),
});

/**
 * What must exist in an environment's account before its first `cdktf deploy`
 * because no stack creates it, keyed by environment name. Every environment has
 * a list (empty when it needs nothing); `dist/reports/prerequisites-<env>.md` is
 * generated from it.
 */
export const PrerequisitesSchema = z.record(envName, z.array(PrerequisiteSchema));

export type Prerequisite = z.infer<typeof PrerequisiteSchema>;
export type Prerequisites = z.infer<typeof PrerequisitesSchema>;
