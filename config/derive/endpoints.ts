import type { AwsRegion } from '../reference/aws-regions.js';
import type { DnsFailoverSettings } from '../schema/data.js';
import type { PlatformConfig } from '../schema/platform.js';
import { edgeFailoverRegion } from './edge.js';

/**
 * Public hostnames of the trading API and the facts both halves of the ingress
 * path share (Terraform's load balancer and the Istio gateway), derived from
 * config alone. The edge (CloudFront origins), the regional ingress, the DNS
 * failover records and the gateway's routes read the same functions, so an
 * origin, its certificate, its record and its route cannot drift apart.
 */

/** The API as clients call it: `api.<domain>` (the CloudFront alias). */
export function publicApiHostname(config: PlatformConfig): string {
  return `api.${config.organization.domain}`;
}

/** One region's API endpoint, `api-<region>.<domain>`: a CloudFront origin and a failover record target. */
export function regionalApiHostname(config: PlatformConfig, region: AwsRegion): string {
  return `api-${region}.${config.organization.domain}`;
}

/** The failover name; Route53 answers it with the healthy region's API hostname. */
export function failoverHostname(domain: string, dns: DnsFailoverSettings): string {
  return `${dns.recordName}.${domain}`;
}

/** The Route53 failover name of an environment (`data.<env>.dnsFailover`), or undefined without DNS failover. */
export function failoverApiHostname(config: PlatformConfig, envName: string): string | undefined {
  const dns = config.data[envName]?.dnsFailover;
  return dns ? failoverHostname(config.organization.domain, dns) : undefined;
}

/**
 * The origins of an environment's edge: the primary region's API hostname, and
 * the failover region's (config/derive/edge.ts) that takes reads when it fails.
 */
export function apiOrigins(config: PlatformConfig, envName: string): { primary: string; failover?: string } {
  const env = config.environments[envName];
  if (!env) throw new Error(`unknown environment '${envName}'; use one of ${Object.keys(config.environments).join(', ')}`);
  const failover = edgeFailoverRegion(config, envName);
  return {
    primary: regionalApiHostname(config, env.regions.primary.region),
    failover: failover ? regionalApiHostname(config, failover) : undefined,
  };
}

/**
 * Whether an environment's clusters get the regional ingress (load balancer,
 * certificate, `api-<region>` record, gateway routes): only behind a protected
 * edge. The regional names carry no environment, so only one environment can own
 * them, and an internet-facing origin without CloudFront in front would bypass
 * the WAF, geo and rate rules.
 */
export function hasRegionalIngress(config: PlatformConfig, envName: string): boolean {
  return config.security.edge[envName] !== undefined;
}

/** Every name the regional ingress of `region` answers: the public alias, its regional name, the failover name. */
export function ingressHostnames(config: PlatformConfig, envName: string, region: AwsRegion): string[] {
  const failover = failoverApiHostname(config, envName);
  return [publicApiHostname(config), regionalApiHostname(config, region), ...(failover ? [failover] : [])];
}

/**
 * Header CloudFront adds to every origin request; the regional load balancer
 * refuses requests without it, so nothing reaches an origin around the WAF.
 */
export const ORIGIN_VERIFY_HEADER = 'X-Origin-Verify';

/**
 * Secrets Manager secret holding the origin-verify value: an account
 * prerequisite (created out of band in the home region and replicated to every
 * region of the environment), read by the edge and each regional ingress.
 */
export function originVerifySecretName(envName: string): string {
  return `${envName}/edge/origin-verify`;
}

/**
 * The Istio ingress gateway as the load balancer reaches it: a NodePort Service
 * with fixed node ports, so Terraform can name them in the target group and the
 * node security group without reading the cluster.
 */
export const INGRESS_GATEWAY_PORTS = {
  /** Plain HTTP from the load balancer (TLS ends there); the gateway's `http` server. */
  http: { port: 80, nodePort: 30080 },
  /** Envoy's readiness endpoint, the target group's health check. */
  status: { port: 15021, nodePort: 30021, path: '/healthz/ready' },
} as const;

/**
 * The manual failover gate: one CloudWatch metric per region, published by an
 * operator in the other region (`put-metric-data`), read by Route53 through an
 * alarm. Value 1 closes the region (its failover record turns unhealthy), 0 opens it.
 */
export function failoverGateMetric(config: PlatformConfig): { namespace: string; metricName: string } {
  return { namespace: `${config.organization.name}/dns-failover`, metricName: 'RegionClosed' };
}

/** Dimensions of a region's gate metric. */
export function failoverGateDimensions(envName: string, region: AwsRegion): Record<string, string> {
  return { Environment: envName, Region: region };
}

/** Name of the alarm (in the other region) behind a region's failover gate. */
export function failoverGateAlarmName(envName: string, region: AwsRegion): string {
  return `${envName}-${region}-api-gate-closed`;
}
