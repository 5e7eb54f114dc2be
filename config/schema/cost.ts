import { z } from 'zod';
import { email, envName, tagKey, tagValue } from './primitives.js';

/** How an environment's workload capacity is provisioned. */
export const CAPACITY_MODES = ['karpenter', 'managed-spot'] as const;
export type CapacityMode = (typeof CAPACITY_MODES)[number];

const monthlyUsd = (field: string) =>
  z.number({ error: `${field} must be a number of US dollars per month` }).refine((n) => n > 0, {
    error: (issue) => `${field} is ${String(issue.input)}; a budget must be more than 0 USD per month, set a positive amount`,
  });

/** EventBridge Scheduler expressions: rate(...), cron(...) or at(...). */
const scheduleExpression = z.string().regex(/^(rate\(\d+ (minute|minutes|hour|hours|day|days)\)|cron\([^)]+\))$/, {
  error: 'use an EventBridge Scheduler expression such as cron(0 7 ? * MON *) or rate(1 day)',
});

/** A monthly budget for the spend carrying one tag value (a team, a service...). */
export const AllocationBudgetSchema = z.strictObject({
  /** A key of config.tagTaxonomy (checked by the cost invariants). */
  tagKey,
  tagValue,
  monthlyUsd: monthlyUsd('allocationBudgets[].monthlyUsd'),
});

export const CostReportSchema = z.strictObject({
  /** When the weekly report runs. @default cron(0 7 ? * MON *) */
  scheduleExpression: scheduleExpression.default('cron(0 7 ? * MON *)'),
  /** Time zone of the schedule. @default UTC */
  timezone: z.string().default('UTC'),
  /** Days of spend the report covers. @default 7 */
  lookbackDays: z.number().int().min(1).max(90).default(7),
  /** Secrets Manager secret name holding a Slack incoming-webhook URL; no Slack post when absent. @default none */
  slackWebhookSecretName: z
    .string()
    .regex(/^[\w/+=.@-]+$/, { error: 'a Secrets Manager secret name' })
    .optional(),
});

export const IdleCleanupSchema = z.strictObject({
  /** When the sweep runs. @default cron(0 6 * * ? *) */
  scheduleExpression: scheduleExpression.default('cron(0 6 * * ? *)'),
  /** Report only; nothing is deleted until this is false. @default true */
  dryRun: z.boolean().default(true),
  /** Only resources carrying this tag and value may be deleted. @default tradesense.io/cleanup=allowed */
  optInTag: z.strictObject({ key: tagKey, value: tagValue }).default({ key: 'tradesense.io/cleanup', value: 'allowed' }),
  /** A resource must be idle/unattached at least this long before deletion. @default 14 */
  minAgeDays: z.number().int().min(1).default(14),
  /** Snapshots older than this are reported as old. @default 90 */
  snapshotMaxAgeDays: z.number().int().min(1).default(90),
  /** Instances stopped longer than this are reported. @default 30 */
  stoppedInstanceDays: z.number().int().min(1).default(30),
  /** A load balancer with no requests over this many days is idle. @default 14 */
  idleLoadBalancerDays: z.number().int().min(1).max(63).default(14),
});

/** registry.k8s.io/kubectl v1.33.3 (the clusters run EKS 1.33), by tag and digest. */
export const DEFAULT_KUBECTL_IMAGE = 'k8s/kubectl:v1.33.3@sha256:aee0d617a26c05f79f566f710fee7afa9f72336fb4499f6f5f7b9ca00c6cde0c';

export const JanitorSchema = z.strictObject({
  /** Cron schedule of the in-cluster janitor. @default 17 * * * * */
  schedule: z
    .string()
    .regex(/^\S+ \S+ \S+ \S+ \S+$/, { error: 'a five-field cron schedule' })
    .default('17 * * * *'),
  /**
   * kubectl image below the cluster's ECR registry, with a pinned tag and optionally its digest.
   * The official Kubernetes image (bash, GNU date and kubectl on debian-base) through the `k8s`
   * pull-through cache: bitnami/kubectl's version tags were removed from Docker Hub in 2025.
   * @default k8s/kubectl:v1.33.3@sha256:aee0d617a26c05f79f566f710fee7afa9f72336fb4499f6f5f7b9ca00c6cde0c
   */
  kubectlImage: z
    .string()
    .regex(/^[a-z0-9][a-z0-9._/-]*:[\w.-]+(@sha256:[0-9a-f]{64})?$/, {
      error: `an image path with a pinned tag (and optionally @sha256:<digest>), e.g. ${DEFAULT_KUBECTL_IMAGE}`,
    })
    .refine((image) => !/:latest(@|$)/.test(image), { error: 'pin the kubectl image to a version, not :latest' })
    .default(DEFAULT_KUBECTL_IMAGE),
  /** Hours a preview namespace lives when it carries no TTL annotation. @default 72 */
  defaultPreviewTtlHours: z.number().int().min(1).default(72),
  /** Seconds a finished Job without ttlSecondsAfterFinished is kept. @default 86400 */
  finishedJobTtlSeconds: z.number().int().min(60).default(86_400),
});

export const EnvironmentCostSchema = z.strictObject({
  capacity: z.enum(CAPACITY_MODES, { error: `capacity must be one of ${CAPACITY_MODES.join(', ')}` }),
  monthlyBudgetUsd: monthlyUsd('monthlyBudgetUsd'),
  /** Budgets per team, service or any other taxonomy tag. @default [] */
  allocationBudgets: z.array(AllocationBudgetSchema).default([]),
  /** Who receives budget and anomaly alerts (through the SNS topic and directly). */
  alertEmails: z.array(email).min(1, { error: 'add at least one alert e-mail address' }),
  /** Smallest anomaly (total impact, USD) that alerts. */
  anomalyThresholdUsd: monthlyUsd('anomalyThresholdUsd'),
  /**
   * Deploy `<env>-global-cost-tag-activation`, which activates the tag taxonomy
   * as cost allocation tags. AWS rejects the activation of a tag key Billing has
   * not seen yet (up to 24 hours after the first tagged resource), so a new
   * account starts without it: set true once the keys show in Billing > Cost
   * allocation tags. In an organization only the governance environment's flag
   * counts (the payer account activates). @default false
   */
  activateCostAllocationTags: z.boolean().default(false),
  reports: CostReportSchema.default({ scheduleExpression: 'cron(0 7 ? * MON *)', timezone: 'UTC', lookbackDays: 7 }),
  idleCleanup: IdleCleanupSchema.default({
    scheduleExpression: 'cron(0 6 * * ? *)',
    dryRun: true,
    optInTag: { key: 'tradesense.io/cleanup', value: 'allowed' },
    minAgeDays: 14,
    snapshotMaxAgeDays: 90,
    stoppedInstanceDays: 30,
    idleLoadBalancerDays: 14,
  }),
  janitor: JanitorSchema.default({
    schedule: '17 * * * *',
    kubectlImage: DEFAULT_KUBECTL_IMAGE,
    defaultPreviewTtlHours: 72,
    finishedJobTtlSeconds: 86_400,
  }),
});

export const CostSchema = z.strictObject({
  /**
   * With organization.managementAccountId set, this environment's cost-controls
   * stack also holds the organization-wide pieces (tag policy, cost allocation tags).
   */
  governanceEnvironment: envName,
  /** Role assumed in the management account for those pieces. */
  managementRoleName: z.string().regex(/^[\w+=,.@-]{1,64}$/, { error: 'an IAM role name' }),
  /** Taxonomy keys watched by a CUSTOM anomaly monitor each. */
  anomalyMonitorTagKeys: z.array(tagKey).min(1),
  /** Per environment, keyed by environment name. */
  environments: z.record(envName, EnvironmentCostSchema),
});

export type CostConfig = z.infer<typeof CostSchema>;
export type EnvironmentCost = z.infer<typeof EnvironmentCostSchema>;
export type AllocationBudget = z.infer<typeof AllocationBudgetSchema>;
export type IdleCleanupSettings = z.infer<typeof IdleCleanupSchema>;
export type JanitorSettings = z.infer<typeof JanitorSchema>;
