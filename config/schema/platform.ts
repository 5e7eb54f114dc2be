import { z } from 'zod';
import { CostSchema } from './cost.js';
import { DataSchema } from './data.js';
import { EnvironmentSchema } from './environment.js';
import { GitopsSchema } from './gitops.js';
import { OrganizationSchema, TagDefinitionSchema, TeamSchema } from './organization.js';
import { OwnershipSchema } from './ownership.js';
import { PrerequisitesSchema } from './prerequisites.js';
import { envName } from './primitives.js';
import { RetentionSchema } from './retention.js';
import { SecuritySchema } from './security.js';
import { ServiceSchema } from './service.js';
import { DeliverySchema } from './slo.js';

/**
 * The whole platform configuration. Capabilities add a top-level section here,
 * keyed by environment name where it is per environment, so that references to
 * environments are checked with its rules (config/invariants/, listed in all.ts).
 */
export const PlatformSchema = z.strictObject({
  organization: OrganizationSchema,
  /** The mandatory tag set: AWS tag keys and their Kubernetes label twins. */
  tagTaxonomy: z.array(TagDefinitionSchema).min(1),
  teams: z.array(TeamSchema).min(1),
  services: z.array(ServiceSchema),
  environments: z.record(envName, EnvironmentSchema),
  /** Order in which changes are promoted and deployed. */
  deployOrder: z.array(z.string()).min(1),
  /** Retention per data class; the only place a retention figure is written. */
  retention: RetentionSchema,
  /** Databases, backups, Velero storage and DNS failover per environment (disaster recovery). */
  data: DataSchema,
  cost: CostSchema,
  /** Per-service versions, SLOs, autoscaling and load tests; blue-green, analysis and alerting settings. */
  delivery: DeliverySchema,
  /** Security baseline: posture standards, alert thresholds, the protected edge. */
  security: SecuritySchema,
  /** Argo CD sync windows and retries, mesh tracing, public services, backup schedules. */
  gitops: GitopsSchema,
  /** Who owns which paths, who approves merges and deployments (CODEOWNERS, rulesets, environments). */
  ownership: OwnershipSchema,
  /** What each environment's account needs before its first deploy because no stack creates it. */
  prerequisites: PrerequisitesSchema,
});

export type PlatformConfigInput = z.input<typeof PlatformSchema>;
export type PlatformConfig = z.infer<typeof PlatformSchema>;
