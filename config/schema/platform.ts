import { z } from 'zod';
import { EnvironmentSchema } from './environment.js';
import { OrganizationSchema, TagDefinitionSchema, TeamSchema } from './organization.js';
import { ServiceSchema } from './service.js';
import { envName } from './primitives.js';
import { RetentionSchema } from './retention.js';

/**
 * The whole platform configuration. Capabilities add a top-level section here,
 * keyed by environment name where it is per environment, so that references to
 * environments are checked in one place (config/invariants.ts).
 */
export const PlatformSchema = z.object({
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
});

export type PlatformConfigInput = z.input<typeof PlatformSchema>;
export type PlatformConfig = z.infer<typeof PlatformSchema>;
