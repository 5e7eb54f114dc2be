import { parsePlatformConfig } from './load.js';
import type { PlatformConfig } from './schema/platform.js';
import { tradesense } from './values/tradesense.js';

export { parsePlatformConfig } from './load.js';
export { ConfigError } from './errors.js';
export type { PlatformConfig, PlatformConfigInput } from './schema/platform.js';
export { clusterTargets, orderedEnvironments, type ClusterTarget } from './targets.js';
export { clusterFacts, type ClusterFacts } from './facts.js';
export { resolveTags, resolveLabels, mandatoryTagKeys } from './tags.js';
export { retentionDays } from './retention.js';
export type { DataClass } from './schema/retention.js';

/** The TradeSense configuration, parsed and checked. */
export function loadPlatformConfig(): PlatformConfig {
  return parsePlatformConfig(tradesense);
}
