import type { AwsRegion } from '../reference/aws-regions.js';
import type { Environment, RegionSpec } from '../schema/environment.js';
import type { PlatformConfig } from '../schema/platform.js';
import { peersOf, placedRegions, type RegionRole } from './regions.js';

/** One place a cluster runs: an environment in one of its regions. */
export interface ClusterTarget {
  readonly envName: string;
  readonly env: Environment;
  readonly role: RegionRole;
  readonly region: AwsRegion;
  readonly spec: RegionSpec;
  /** The environment's other regions, primary first (config/derive/regions.ts `peersOf`). */
  readonly peers: readonly AwsRegion[];
}

/** Environments in deploy order, then any not listed there, alphabetically. */
export function orderedEnvironments(config: PlatformConfig): [string, Environment][] {
  const rank = (name: string) => {
    const i = config.deployOrder.indexOf(name);
    return i === -1 ? Number.MAX_SAFE_INTEGER : i;
  };
  return Object.entries(config.environments).sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b));
}

/** The environment x region list: the only place that loop is written. */
export function clusterTargets(config: PlatformConfig): ClusterTarget[] {
  return orderedEnvironments(config).flatMap(([envName, env]) =>
    placedRegions(env).map(({ role, region, spec }): ClusterTarget => ({ envName, env, role, region, spec, peers: peersOf(env, region) })),
  );
}
