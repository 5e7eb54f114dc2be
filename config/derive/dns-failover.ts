import type { AwsRegion } from '../reference/aws-regions.js';
import type { DnsFailoverSettings } from '../schema/data.js';
import type { PlatformConfig } from '../schema/platform.js';
import { failoverGateAlarmName, failoverGateDimensions, failoverGateMetric, failoverHostname, regionalApiHostname } from './endpoints.js';
import { environmentRegions, peersOf } from './regions.js';

/**
 * DNS failover across any number of regions. A Route53 failover record set
 * holds exactly one PRIMARY and one SECONDARY, so the regions form a chain of
 * record sets: the failover name's PRIMARY is the primary region, its SECONDARY
 * an alias (inheriting the target's health) of a second failover name whose
 * PRIMARY is the first replica, and so on; the last set's SECONDARY is the last
 * region itself. DNS answers with the first region, in config order, whose
 * endpoint is healthy and whose gate is open. Two regions make one set: the
 * PRIMARY/SECONDARY pair of the two-region design, unchanged.
 */

/** Name of a region's health checks and endpoint alarm, `<env>-<region>-api` (the runbook reads it too). */
export function healthCheckName(envName: string, region: AwsRegion): string {
  return `${envName}-${region}-api`;
}

/** One record set of the chain. */
export interface FailoverLink {
  /** The record set's name: the failover name first, then `<recordName>-from-<region>.<domain>`. */
  readonly name: string;
  /** Its PRIMARY answers with this region's API hostname while the region serves. */
  readonly primary: AwsRegion;
  /** Its SECONDARY: the last region's hostname, or an alias of the next link's name. */
  readonly secondary: { readonly region: AwsRegion } | { readonly link: string };
}

/** The name of the record set that starts the chain at `region` (never the first one's: that is the failover name). */
export function failoverLinkName(domain: string, dns: DnsFailoverSettings, region: AwsRegion): string {
  return `${dns.recordName}-from-${region}.${domain}`;
}

/** The record sets answering the failover name for `regions` in failover order (at least two). */
export function failoverChain(domain: string, dns: DnsFailoverSettings, regions: readonly AwsRegion[]): FailoverLink[] {
  if (regions.length < 2) throw new Error(`DNS failover needs two regions or more; got ${regions.join(', ') || 'none'}`);
  const nameAt = (i: number, region: AwsRegion) => (i === 0 ? failoverHostname(domain, dns) : failoverLinkName(domain, dns, region));
  return regions.slice(0, -1).map((primary, i): FailoverLink => {
    const next = regions[i + 1] as AwsRegion;
    const last = i === regions.length - 2;
    return { name: nameAt(i, primary), primary, secondary: last ? { region: next } : { link: nameAt(i + 1, next) } };
  });
}

/** One region's part in DNS failover. */
export interface FailoverMember {
  readonly region: AwsRegion;
  /** `api-<region>.<domain>`: what its endpoint check calls and its records answer. */
  readonly hostname: string;
  /** Name of its checks and endpoint alarm. */
  readonly checkName: string;
  /** The alarms of its manual gate (one name, one alarm per other region). */
  readonly gateAlarmName: string;
  readonly gateDimensions: Readonly<Record<string, string>>;
  /** Where its gate's alarms live: every other region, primary first, so any survivor can close it. */
  readonly gateAlarmRegions: readonly AwsRegion[];
}

export interface DnsFailoverLayout {
  /** The public hosted zone the records go into (looked up at plan time). */
  readonly zoneName: string;
  readonly settings: DnsFailoverSettings;
  /** Topic the endpoint alarms page, in the Route53 metrics region. */
  readonly alertTopicName: string;
  readonly alertEmails: readonly string[];
  /** The metric operators publish to close (1) or open (0) a region's gate. */
  readonly gateMetric: { readonly namespace: string; readonly metricName: string };
  /** Every region of the environment, in failover order (primary first). */
  readonly members: readonly FailoverMember[];
  readonly chain: readonly FailoverLink[];
}

/** DNS failover of `envName` (`data.<env>.dnsFailover`, the invariants guarantee a replica region). */
export function dnsFailoverLayout(config: PlatformConfig, envName: string): DnsFailoverLayout {
  const env = config.environments[envName];
  const dns = config.data[envName]?.dnsFailover;
  if (!env || !dns) throw new Error(`DNS failover of '${envName}' needs environments.${envName} and data.${envName}.dnsFailover in config`);
  const regions = environmentRegions(env);
  const domain = config.organization.domain;
  return {
    zoneName: domain,
    settings: dns,
    alertTopicName: `${config.organization.name}-${envName}-dns-alerts`,
    alertEmails: [env.owner.contact],
    gateMetric: failoverGateMetric(config),
    members: regions.map((region) => ({
      region,
      hostname: regionalApiHostname(config, region),
      checkName: healthCheckName(envName, region),
      gateAlarmName: failoverGateAlarmName(envName, region),
      gateDimensions: failoverGateDimensions(envName, region),
      gateAlarmRegions: peersOf(env, region),
    })),
    chain: failoverChain(domain, dns, regions),
  };
}
