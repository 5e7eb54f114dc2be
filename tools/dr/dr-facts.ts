import { failoverApiHostname, failoverGateMetric, regionalApiHostname } from '../../config/derive/endpoints.js';
import { clusterFacts } from '../../config/derive/facts.js';
import { BACKUP_TAG_KEY } from '../../config/derive/tags.js';
import { clusterTargets, type ClusterTarget } from '../../config/derive/targets.js';
import type { EnvironmentData } from '../../config/schema/data.js';
import type { PlatformConfig } from '../../config/schema/platform.js';
import type { PolicyInput } from '../../policies/output.js';
import { locateResources, waiverFor, type Located } from '../../policies/output/cross-region-copies.js';
import { peerLocations } from './velero-locations.js';

/** One alarm of a region's manual failover gate, and the region it lives in. */
export interface GateAlarm {
  readonly region: string;
  readonly alarm: string;
}

export interface RegionNames {
  readonly region: string;
  readonly clusterName: string;
  readonly veleroBucket: string;
  readonly vault?: string;
  /** Database instance (RDS) or regional cluster (Aurora) identifier in this region. */
  readonly database?: string;
  readonly healthAlarm?: string;
  /** The alarms behind this region's manual failover gate, one in each other region (environment order). */
  readonly gates: readonly GateAlarm[];
  readonly hostname?: string;
  /** `alias/...` of the database key and the isolated subnet group of this region. */
  readonly databaseKeyAlias?: string;
  readonly subnetGroup?: string;
  /** The lag alarm of this region's copy of the database (replica regions). */
  readonly lagAlarm?: string;
  /** This cluster's read-only Velero locations, by the peer cluster whose replicated backups each lists. */
  readonly peerLocations: ReadonlyMap<string, string>;
}

/** Everything the runbook names, read from the synthesized stacks of one environment. */
export interface DrFacts {
  readonly envName: string;
  readonly accountId: string;
  readonly contact: string;
  readonly data: EnvironmentData;
  readonly primary: RegionNames;
  /** Every replica region, in config order: the first is where a failover goes unless it is unhealthy. */
  readonly replicas: readonly RegionNames[];
  readonly stacks: { readonly database: string; readonly backup: string; readonly velero: string; readonly dns?: string };
  readonly globalCluster?: string;
  readonly failoverRecord?: string;
  /** The metric operators publish to close (1) or open (0) a region's gate; its `Region` dimension names the region. */
  readonly gateMetric: { readonly namespace: string; readonly metricName: string };
  /** Each plan with the regions of the vaults it copies into. */
  readonly plans: {
    readonly name: string;
    readonly region: string;
    readonly schedule: string;
    readonly copies: boolean;
    readonly copyRegions: readonly string[];
  }[];
  readonly waivers: { readonly where: string; readonly reason: string }[];
}

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
const records = (v: unknown) => (Array.isArray(v) ? (v as Record<string, unknown>[]) : []);

function names(found: Located[], type: string, field: string, region: string, filter: (r: Located) => boolean = () => true): string[] {
  return found
    .filter((r) => r.type === type && r.region === region && filter(r))
    .map((r) => str(r.body[field]) ?? '')
    .filter(Boolean)
    .sort();
}

/** Facts of one environment, or undefined when the config has no such environment or data section. */
export function drFacts(output: PolicyInput, config: PlatformConfig, envName: string): DrFacts | undefined {
  const env = config.environments[envName];
  const data = config.data[envName];
  if (!env || !data) return undefined;
  const primaryRegion = env.regions.primary.region;
  const stacks = {
    database: `${envName}-${primaryRegion}-database`,
    backup: `${envName}-${primaryRegion}-backup`,
    velero: `${envName}-${primaryRegion}-velero-storage`,
    dns: data.dnsFailover ? `${envName}-global-dns-failover` : undefined,
  };
  const all = locateResources(output).filter((r) => r.envName === envName);
  const inStack = (stack: string | undefined) => all.filter((r) => r.stack === stack);
  const db = inStack(stacks.database);
  const dns = inStack(stacks.dns);
  const gateMetric = failoverGateMetric(config);
  const targets = clusterTargets(config).filter((t) => t.envName === envName);
  const order = (region: string) => targets.findIndex((t) => t.region === region);
  const alarmNames = (found: Located[]) =>
    found.filter((a) => a.type === 'aws_cloudwatch_metric_alarm').map((a) => str(a.body.alarm_name) ?? '');

  const region = (target: ClusterTarget): RegionNames => {
    const facts = clusterFacts(config, target);
    const r = target.region;
    const database =
      data.database.engine === 'aurora-postgres-global'
        ? names(db, 'aws_rds_cluster', 'cluster_identifier', r)[0]
        : names(db, 'aws_db_instance', 'identifier', r)[0];
    const check = dns.find((c) => c.type === 'aws_route53_health_check' && c.body.fqdn === regionalApiHostname(config, r));
    const alarms = dns.filter((a) => a.type === 'aws_cloudwatch_metric_alarm');
    const gates = alarms
      .filter((a) => a.body.namespace === gateMetric.namespace && (a.body.dimensions as Record<string, unknown> | undefined)?.Region === r)
      .map((a) => ({ region: a.region, alarm: str(a.body.alarm_name) ?? '' }))
      .sort((a, b) => order(a.region) - order(b.region));
    return {
      region: r,
      clusterName: facts.clusterName,
      veleroBucket: names(inStack(stacks.velero), 'aws_s3_bucket', 'bucket', r)[0] ?? facts.veleroBucket,
      vault: names(inStack(stacks.backup), 'aws_backup_vault', 'name', r)[0],
      database,
      databaseKeyAlias: names(db, 'aws_kms_alias', 'name', r, (a) => String(a.body.name).endsWith('-database'))[0],
      subnetGroup: names(db, 'aws_db_subnet_group', 'name', r)[0],
      hostname: str(check?.body.fqdn),
      healthAlarm: alarms
        .filter((a) => a.body.namespace === 'AWS/Route53')
        .map((a) => str(a.body.alarm_name) ?? '')
        .find((n) => n.includes(`-${r}-`)),
      gates,
      lagAlarm: alarmNames(db.filter((a) => a.region === r)).find((n) => n.endsWith('-replica-lag')),
      peerLocations: peerLocations(output, `${envName}/${r}`),
    };
  };
  const primaryTarget = targets.find((t) => t.role === 'primary');
  if (!primaryTarget) return undefined;

  const backup = inStack(stacks.backup);
  const plans = backup
    .filter((p) => p.type === 'aws_backup_plan')
    .map((p) => {
      const rules = records(p.body.rule);
      const destinations = rules.flatMap((rule) => records(rule.copy_action)).map((copy) => str(copy.destination_vault_arn) ?? '');
      const copyRegions = backup
        .filter((v) => v.type === 'aws_backup_vault' && destinations.some((arn) => arn.includes(`aws_backup_vault.${v.name}.`)))
        .map((v) => v.region)
        .sort((a, b) => order(a) - order(b));
      return {
        name: str(p.body.name) ?? p.name,
        region: p.region,
        schedule: rules.map((rule) => str(rule.schedule) ?? '').join(', '),
        copies: rules.length > 0 && rules.every((rule) => records(rule.copy_action).length > 0),
        copyRegions,
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
  const waivers = all.flatMap((r) => {
    const reason = waiverFor(r);
    return reason ? [{ where: `${r.stack}/${r.type}.${r.name}`, reason }] : [];
  });

  return {
    envName,
    accountId: env.accountId,
    contact: env.owner.contact,
    data,
    primary: region(primaryTarget),
    replicas: targets.filter((t) => t.role === 'replica').map(region),
    stacks,
    globalCluster: names(db, 'aws_rds_global_cluster', 'global_cluster_identifier', primaryRegion)[0],
    failoverRecord: failoverApiHostname(config, envName),
    gateMetric,
    plans,
    waivers,
  };
}

/** Tag that opts a resource into a plan, for the runbook's re-tagging step. */
export const backupTag = (facts: DrFacts) => `Key=${BACKUP_TAG_KEY},Value=${facts.data.database.backupPlan}`;
