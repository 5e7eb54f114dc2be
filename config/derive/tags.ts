import type { PlatformConfig } from '../schema/platform.js';

/** Tag key AWS Backup selects on; its value names the plan (`BackupPlan = databases`). */
export const BACKUP_TAG_KEY = 'BackupPlan';

/** Tag whose value gives the reason a production stateful resource has no copy in another region. */
export const DR_EXEMPTION_TAG_KEY = 'DisasterRecoveryExemption';

/**
 * The tags every resource of an environment carries (provider default_tags):
 * values derived from the environment's owner and tier, then its extraTags.
 */
export function resolveTags(config: PlatformConfig, envName: string): Record<string, string> {
  const env = config.environments[envName];
  if (!env) throw new Error(`unknown environment '${envName}'`);
  const derived: Record<string, string> = {
    Environment: envName,
    Service: 'platform',
    Team: env.owner.team,
    CostCentre: env.owner.costCentre,
    Owner: env.owner.contact,
    DataClassification: env.dataClassification,
    ManagedBy: 'terraform',
    Repository: config.organization.repository,
  };
  const taxonomyKeys = new Set(config.tagTaxonomy.map((t) => t.key));
  const tags = Object.fromEntries(Object.entries(derived).filter(([key]) => taxonomyKeys.has(key)));
  return sortKeys({ ...tags, ...env.extraTags });
}

/** The taxonomy's keys: what the tagging aspect requires on every taggable resource. */
export function mandatoryTagKeys(config: PlatformConfig): string[] {
  return config.tagTaxonomy.map((t) => t.key).sort();
}

export function sortKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
}

/**
 * The taxonomy as Kubernetes labels (each tag key's `label` twin), for objects
 * synced by Argo CD. Overrides are by tag key, e.g. { Team: 'risk', Service: 'risk-engine' }.
 */
export function resolveLabels(config: PlatformConfig, envName: string, overrides: Record<string, string> = {}): Record<string, string> {
  const tags: Record<string, string> = { ...resolveTags(config, envName), ManagedBy: 'argocd', ...overrides };
  const team = config.teams.find((t) => t.name === tags.Team);
  if (team && !('CostCentre' in overrides)) tags.CostCentre = team.costCentre;
  return sortKeys(
    Object.fromEntries(
      config.tagTaxonomy.flatMap((def) => (tags[def.key] === undefined ? [] : [[def.label, tags[def.key] as string]])),
    ),
  );
}
