import { z } from 'zod';
import { accountId, awsRegion, email, k8sName, tagKey, tagValue } from './primitives.js';

export const OrganizationSchema = z.strictObject({
  /** Short lower-case name used as a prefix for globally unique names (buckets). */
  name: k8sName,
  /** The GitHub repository this platform lives in, `owner/name`. */
  repository: z.string().regex(/^[\w.-]+\/[\w.-]+$/, { error: 'repository must read owner/name' }),
  /** Public DNS zone of the trading APIs. */
  domain: z.string().regex(/^([a-z0-9-]+\.)+[a-z]{2,}$/, { error: 'domain must be a DNS name such as tradesense.io' }),
  /** AWS Organizations management account; enables org-wide trails and tag policies. */
  managementAccountId: accountId.optional(),
  /** Region of the Terraform state buckets and other account-global resources. */
  homeRegion: awsRegion,
  /**
   * Where the deploy workflow publishes rendered manifests and Argo CD reads them:
   * `dist/<env>/<region>` is pushed to `<branch>` as `<env>/<region>`.
   */
  gitops: z.strictObject({
    repoURL: z.string().regex(/^https:\/\/.+\.git$/, { error: 'repoURL must be an https git URL ending in .git' }),
    branch: z.string().min(1),
  }),
});

/** One key of the tag taxonomy: an AWS tag key and its Kubernetes label twin. */
export const TagDefinitionSchema = z.strictObject({
  key: tagKey,
  label: z.string().regex(/^([a-z0-9.-]+\/)?[a-z0-9]([-a-z0-9_.]*[a-z0-9])?$/, { error: 'label must be a Kubernetes label key' }),
  description: z.string().min(1),
  /** When set, the only values the tag may take. */
  allowedValues: z.array(tagValue).optional(),
});

export const TeamSchema = z.strictObject({
  name: k8sName,
  contact: email,
  costCentre: z.string().regex(/^CC-\d{4}$/, { error: 'cost centres read CC-nnnn (e.g. CC-2040)' }),
  /** GitHub team slug, `@org/team`, used by CODEOWNERS and rulesets. */
  githubTeam: z.string().regex(/^@[\w.-]+\/[\w.-]+$/, { error: 'githubTeam must read @org/team' }),
  /** The team namespace's ResourceQuota. @default 8 CPU / 16Gi requested, twice that as limits, 60 pods */
  quota: z
    .strictObject({
      requestsCpu: z.string().default('8'),
      requestsMemory: z.string().default('16Gi'),
      limitsCpu: z.string().default('16'),
      limitsMemory: z.string().default('32Gi'),
      pods: z.number().int().positive().default(60),
    })
    .default({ requestsCpu: '8', requestsMemory: '16Gi', limitsCpu: '16', limitsMemory: '32Gi', pods: 60 }),
});

export const OwnerSchema = z.strictObject(
  {
    team: k8sName,
    contact: email,
    costCentre: z.string().regex(/^CC-\d{4}$/, { error: 'cost centres read CC-nnnn (e.g. CC-2040)' }),
  },
  {
    error: (issue) =>
      issue.input === undefined
        ? 'missing owner: add owner { team, contact, costCentre } naming a team from teams'
        : 'owner must be an object { team, contact, costCentre }',
  },
);

export type Organization = z.infer<typeof OrganizationSchema>;
export type TagDefinition = z.infer<typeof TagDefinitionSchema>;
export type Team = z.infer<typeof TeamSchema>;
export type Owner = z.infer<typeof OwnerSchema>;
