import type { EdgeSettings } from '../schema/security.js';
import type { PlatformConfig } from '../schema/platform.js';
import { apiOrigins, failoverApiHostname, publicApiHostname, regionalApiHostname } from './endpoints.js';
import { clusterFacts } from './facts.js';
import { retentionDays } from './retention.js';
import type { ClusterTarget } from './targets.js';

/**
 * What the public API path's stacks (the edge, each region's ingress) are made
 * of, resolved from config by stacks/app.ts: hostnames, names and settings.
 */

export interface EdgeLayout {
  readonly settings: EdgeSettings;
  /** The public hosted zone (looked up at plan time). */
  readonly zoneName: string;
  /** `api.<domain>`: the distribution's alias. */
  readonly hostname: string;
  /** The origin group: the primary region's API hostname and the failover region's (reads). */
  readonly origins: { readonly primary: string; readonly failover: string };
  /** The DNS failover name, where writes go. */
  readonly writeOrigin: string;
  /** Days the access logs are kept (retention 'network-logs'). */
  readonly logRetentionDays: number;
}

export function edgeLayout(config: PlatformConfig, envName: string): EdgeLayout {
  const settings = config.security.edge[envName];
  const origins = apiOrigins(config, envName);
  const writeOrigin = failoverApiHostname(config, envName);
  if (!settings || !origins.failover) {
    throw new Error(
      `stack ${envName}-global-edge: needs security.edge.${envName} and a region in environments.${envName}.regions.replicas in config (origin failover)`,
    );
  }
  if (!writeOrigin)
    throw new Error(`stack ${envName}-global-edge: writes go to the DNS failover name; add data.${envName}.dnsFailover to config`);
  return {
    settings,
    zoneName: config.organization.domain,
    hostname: publicApiHostname(config),
    origins: { primary: origins.primary, failover: origins.failover },
    writeOrigin,
    logRetentionDays: retentionDays(config, 'network-logs'),
  };
}

export interface IngressLayout {
  /** The public hosted zone (looked up at plan time). */
  readonly zoneName: string;
  /** `api-<region>.<domain>`: the region's name, its record and certificate. */
  readonly hostname: string;
  /** The DNS failover name, which the certificate also covers (CloudFront sends writes there). */
  readonly failoverName: string;
  /** Route53's health-check path, forwarded without the origin-verify header. */
  readonly healthCheckPath: string;
  readonly loadBalancerName: string;
  readonly logBucketName: string;
  /** Days the access logs are kept (retention 'network-logs'). */
  readonly logRetentionDays: number;
}

export function ingressLayout(config: PlatformConfig, target: ClusterTarget): IngressLayout {
  const { envName, region } = target;
  const dns = config.data[envName]?.dnsFailover;
  const failoverName = failoverApiHostname(config, envName);
  if (!dns || !failoverName) {
    throw new Error(
      `stack ${envName}-${region}-ingress: the regional ingress answers the failover name and its health check; add data.${envName}.dnsFailover to config`,
    );
  }
  return {
    zoneName: config.organization.domain,
    hostname: regionalApiHostname(config, region),
    failoverName,
    healthCheckPath: dns.healthCheck.path,
    loadBalancerName: `${clusterFacts(config, target).stackPrefix}-api`,
    logBucketName: `${config.organization.name}-${envName}-ingress-logs-${region}-${target.env.accountId}`,
    logRetentionDays: retentionDays(config, 'network-logs'),
  };
}
