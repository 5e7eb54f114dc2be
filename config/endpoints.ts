import type { AwsRegion } from './regions.js';
import type { PlatformConfig } from './schema/platform.js';

/**
 * Public hostnames of the trading API, derived from config alone. The edge
 * (CloudFront origins) and the DNS failover records read the same functions, so
 * an origin and its record cannot drift apart.
 */

/** Where CloudFront keeps its certificates, WAF web ACLs and log delivery (an AWS fact, not a choice). */
export const CLOUDFRONT_REGION: AwsRegion = 'us-east-1';

/** The API as clients call it: `api.<domain>` (the CloudFront alias). */
export function publicApiHostname(config: PlatformConfig): string {
  return `api.${config.organization.domain}`;
}

/** One region's API endpoint, `api-<region>.<domain>`: a CloudFront origin and a failover record target. */
export function regionalApiHostname(config: PlatformConfig, region: AwsRegion): string {
  return `api-${region}.${config.organization.domain}`;
}

/** The regional API hostnames of an environment, primary first. */
export function apiOrigins(config: PlatformConfig, envName: string): { primary: string; secondary?: string } {
  const env = config.environments[envName];
  if (!env) throw new Error(`unknown environment '${envName}'; use one of ${Object.keys(config.environments).join(', ')}`);
  const { primary, secondary } = env.regions;
  return {
    primary: regionalApiHostname(config, primary.region),
    secondary: secondary ? regionalApiHostname(config, secondary.region) : undefined,
  };
}
