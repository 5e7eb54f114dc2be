import type { CapacityMode, EnvironmentCost } from '../schema/cost.js';
import type { PlatformConfig } from '../schema/platform.js';
import { resolveLabels, resolveTags } from './tags.js';

/** The cost settings of one environment (the invariants guarantee every environment has them). */
export function costSettings(config: PlatformConfig, envName: string): EnvironmentCost {
  const settings = config.cost.environments[envName];
  if (!settings) throw new Error(`no cost settings for environment '${envName}'; add cost.environments.${envName}`);
  return settings;
}

export function capacityOf(config: PlatformConfig, envName: string): CapacityMode {
  return costSettings(config, envName).capacity;
}

/** Names shared by the cost stacks (the report Lambda publishes to the controls stack's topic). */
export function costNames(config: PlatformConfig, envName: string) {
  const prefix = `${config.organization.name}-${envName}`;
  return {
    alertsTopic: `${prefix}-cost-alerts`,
    exportsBucket: (accountId: string) => `${prefix}-cost-exports-${accountId}`,
    curExport: `${prefix}-cur2`,
  };
}

/**
 * Every value each taxonomy key takes anywhere in config: the allowed values
 * when the taxonomy fixes them, else what the environments, teams and services
 * resolve to. Anomaly monitors and the tag policy read it; sorted for stable output.
 */
export function taxonomyValues(config: PlatformConfig): Record<string, string[]> {
  const byLabel = new Map(config.tagTaxonomy.map((t) => [t.label, t.key]));
  const seen = new Map<string, Set<string>>(config.tagTaxonomy.map((t) => [t.key, new Set<string>()]));
  const add = (key: string, value: string) => seen.get(key)?.add(value);
  for (const envName of Object.keys(config.environments)) {
    for (const [key, value] of Object.entries(resolveTags(config, envName))) add(key, value);
    const overrides = [...config.teams.map((t) => ({ Team: t.name })), ...config.services.map((s) => ({ Team: s.team, Service: s.name }))];
    for (const o of overrides) {
      for (const [label, value] of Object.entries(resolveLabels(config, envName, o))) add(byLabel.get(label) ?? '', value);
    }
  }
  return Object.fromEntries(config.tagTaxonomy.map((def) => [def.key, [...(def.allowedValues ?? seen.get(def.key) ?? [])].sort()]));
}

/**
 * Whether the environment gets `<env>-global-cost-tag-activation`: its flag is
 * set and it is the account that activates (the payer: the account itself when
 * standalone, the management account through the governance environment).
 */
export function activatesCostAllocationTags(config: PlatformConfig, envName: string): boolean {
  if (!costSettings(config, envName).activateCostAllocationTags) return false;
  return config.organization.managementAccountId === undefined || envName === config.cost.governanceEnvironment;
}
