import { ConfigError, type ConfigProblem } from '../errors.js';
import { CLOUDFRONT_ORIGIN_GROUP_ORIGINS } from '../reference/aws-limits.js';
import type { AwsRegion } from '../reference/aws-regions.js';
import type { PlatformConfig } from '../schema/platform.js';
import { replicaRegions } from './regions.js';

/** Environments that serve the public API through the protected edge. */
export function edgeEnvironments(config: PlatformConfig): string[] {
  return Object.entries(config.environments)
    .filter(([, env]) => env.tier === 'production')
    .map(([name]) => name)
    .sort();
}

/**
 * The region the edge of `envName` fails reads over to, or why there is none.
 * CloudFront's origin group holds the primary's origin and exactly one more, so
 * of several replicas config names one (`security.edge.<env>.failoverRegion`);
 * with a single replica that one is meant.
 */
export function edgeFailover(config: PlatformConfig, envName: string): { readonly region?: AwsRegion; readonly problem?: ConfigProblem } {
  const env = config.environments[envName];
  const edge = config.security.edge[envName];
  if (!env || !edge) return {};
  const replicas = replicaRegions(env);
  const primary = env.regions.primary.region;
  if (replicas.length === 0) {
    return {
      problem: {
        path: ['environments', envName, 'regions', 'replicas'],
        message: `the edge of '${envName}' fails reads over from ${primary} to a replica region; add one to regions.replicas`,
      },
    };
  }
  const chosen = edge.failoverRegion;
  const path = ['security', 'edge', envName, 'failoverRegion'];
  if (chosen === undefined) {
    if (replicas.length === 1) return { region: replicas[0] };
    return {
      problem: {
        path,
        message: `a CloudFront origin group holds exactly ${CLOUDFRONT_ORIGIN_GROUP_ORIGINS} origins, the primary (${primary}) and one replica, and '${envName}' has ${replicas.length} replicas; set failoverRegion to the one that takes reads when ${primary} fails (${replicas.join(' or ')})`,
      },
    };
  }
  if (!replicas.includes(chosen)) {
    return {
      problem: {
        path,
        message: `${chosen} is not a replica region of '${envName}' (the primary, ${primary}, is what reads fail over from); use one of ${replicas.join(', ')}`,
      },
    };
  }
  return { region: chosen };
}

/** The region the edge of `envName` fails reads over to (checked by config/invariants/security.ts). */
export function edgeFailoverRegion(config: PlatformConfig, envName: string): AwsRegion | undefined {
  const { region, problem } = edgeFailover(config, envName);
  if (problem) throw new ConfigError([problem], config);
  return region;
}
