import { parsePlatformConfig } from '../../config/load.js';
import type { PlatformConfig, PlatformConfigInput } from '../../config/schema/platform.js';

/**
 * The TradeSense input plus one more single-region, development-tier environment,
 * `bench`, a copy of dev deployed right after it (production stays last): every
 * per-environment section (any object keyed by environment names) gets a copy of
 * dev's entry, so the capabilities' stacks all appear for it.
 */
export function withExtraEnvironment(input: PlatformConfigInput): PlatformConfig {
  const copy = structuredClone(input) as PlatformConfigInput & Record<string, unknown>;
  const envNames = Object.keys(copy.environments);
  const visit = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(visit);
    const record = node as Record<string, unknown>;
    if ('dev' in record && Object.keys(record).every((k) => envNames.includes(k))) record.bench = structuredClone(record.dev);
    Object.values(record).forEach(visit);
  };
  visit(copy);
  const bench = copy.environments.bench;
  if (!bench) throw new Error('bench expects a dev environment to copy');
  bench.accountId = '999999999999';
  bench.regions = { primary: { region: bench.regions.primary.region, vpcCidr: '10.250.0.0/16' }, replicas: [] };
  const dev = copy.deployOrder.indexOf('dev');
  copy.deployOrder = [...copy.deployOrder.slice(0, dev + 1), 'bench', ...copy.deployOrder.slice(dev + 1)];
  return parsePlatformConfig(copy);
}
