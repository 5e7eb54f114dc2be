import type { TagDefinition } from '../schema/organization.js';
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
 * What one environment's Kubernetes labels derive from, resolved once from
 * config: the charts label objects from this (labelsOf) without reading config.
 */
export interface LabelBasis {
  /** The environment's tags (resolveTags). */
  readonly tags: Readonly<Record<string, string>>;
  /** Each taxonomy key and its label twin, in taxonomy order. */
  readonly taxonomy: readonly Pick<TagDefinition, 'key' | 'label'>[];
  /** Every team's cost centre: objects of a team carry their team's. */
  readonly teamCostCentres: Readonly<Record<string, string>>;
}

export function labelBasis(config: PlatformConfig, envName: string): LabelBasis {
  return {
    tags: resolveTags(config, envName),
    taxonomy: config.tagTaxonomy.map(({ key, label }) => ({ key, label })),
    teamCostCentres: Object.fromEntries(config.teams.map((t) => [t.name, t.costCentre])),
  };
}

/**
 * The taxonomy as Kubernetes labels (each tag key's `label` twin), for objects
 * synced by Argo CD. Overrides are by tag key, e.g. { Team: 'risk', Service: 'risk-engine' }.
 */
export function labelsOf(basis: LabelBasis, overrides: Record<string, string> = {}): Record<string, string> {
  const tags: Record<string, string> = { ...basis.tags, ManagedBy: 'argocd', ...overrides };
  const team = tags.Team;
  if (team !== undefined && Object.hasOwn(basis.teamCostCentres, team) && !('CostCentre' in overrides))
    tags.CostCentre = basis.teamCostCentres[team] as string;
  return sortKeys(
    Object.fromEntries(basis.taxonomy.flatMap((def) => (tags[def.key] === undefined ? [] : [[def.label, tags[def.key] as string]]))),
  );
}

/** labelsOf the environment's basis, for callers holding the config. */
export function resolveLabels(config: PlatformConfig, envName: string, overrides: Record<string, string> = {}): Record<string, string> {
  return labelsOf(labelBasis(config, envName), overrides);
}
