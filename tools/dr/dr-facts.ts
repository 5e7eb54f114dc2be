import { failoverApiHostname, failoverGateMetric, regionalApiHostname } from '../../config/derive/endpoints.js';
import { clusterFacts } from '../../config/derive/facts.js';
import { soleReplica } from '../../config/derive/regions.js';
import { BACKUP_TAG_KEY } from '../../config/derive/tags.js';
import { clusterTargets } from '../../config/derive/targets.js';
import type { EnvironmentData } from '../../config/schema/data.js';
import type { PlatformConfig } from '../../config/schema/platform.js';
import { locateResources, waiverFor, type Located } from '../../policies/output/cross-region-copies.js';
import type { SynthOutput } from '../synth/output.js';

export interface RegionNames {
  readonly region: string;
  readonly clusterName: string;
  readonly veleroBucket: string;
  readonly vault?: string;
  /** Database instance (RDS) or regional cluster (Aurora) identifier in this region. */
  readonly database?: string;
  readonly healthAlarm?: string;
  /** The alarm behind this region's manual failover gate, and the region it lives in (the other one). */
  readonly gateAlarm?: string;
  readonly gateRegion?: string;
  readonly hostname?: string;
  /** `alias/...` of the database key and the isolated subnet group of this region. */
  readonly databaseKeyAlias?: string;
  readonly subnetGroup?: string;
}

/** Everything the runbook names, read from the synthesized stacks of one environment. */
export interface DrFacts {
  readonly envName: string;
  readonly accountId: string;
  readonly contact: string;
  readonly data: EnvironmentData;
  readonly primary: RegionNames;
  /** The replica region a failover promotes (the runbook covers one replica today). */
  readonly replica?: RegionNames;
  readonly stacks: { readonly database: string; readonly backup: string; readonly velero: string; readonly dns?: string };
  readonly globalCluster?: string;
  readonly failoverRecord?: string;
  /** The metric operators publish to close (1) or open (0) a region's gate; its `Region` dimension names the region. */
  readonly gateMetric: { readonly namespace: string; readonly metricName: string };
  readonly lagAlarm?: string;
  readonly plans: { readonly name: string; readonly region: string; readonly schedule: string; readonly copies: boolean }[];
  readonly waivers: { readonly where: string; readonly reason: string }[];
}

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

function names(found: Located[], type: string, field: string, region: string, filter: (r: Located) => boolean = () => true): string[] {
  return found.filter((r) => r.type === type && r.region === region && filter(r)).map((r) => str(r.body[field]) ?? '').filter(Boolean).sort();
}

/** Facts of one environment, or undefined when the config has no such environment or data section. */
export function drFacts(output: SynthOutput, config: PlatformConfig, envName: string): DrFacts | undefined {
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

  const region = (target: ReturnType<typeof clusterTargets>[number]): RegionNames => {
    const facts = clusterFacts(config, target);
    const r = target.region;
    const database = data.database.engine === 'aurora-postgres-global'
      ? names(db, 'aws_rds_cluster', 'cluster_identifier', r)[0]
      : names(db, 'aws_db_instance', 'identifier', r)[0];
    const check = dns.find((c) => c.type === 'aws_route53_health_check' && c.body.fqdn === regionalApiHostname(config, r));
    const alarms = dns.filter((a) => a.type === 'aws_cloudwatch_metric_alarm');
    const gate = alarms.find((a) => a.body.namespace === gateMetric.namespace && (a.body.dimensions as Record<string, unknown> | undefined)?.Region === r);
    return {
      region: r,
      clusterName: facts.clusterName,
      veleroBucket: names(inStack(stacks.velero), 'aws_s3_bucket', 'bucket', r)[0] ?? facts.veleroBucket,
      vault: names(inStack(stacks.backup), 'aws_backup_vault', 'name', r)[0],
      database,
      databaseKeyAlias: names(db, 'aws_kms_alias', 'name', r, (a) => String(a.body.name).endsWith('-database'))[0],
      subnetGroup: names(db, 'aws_db_subnet_group', 'name', r)[0],
      hostname: str(check?.body.fqdn),
      healthAlarm: alarms.filter((a) => a.body.namespace === 'AWS/Route53').map((a) => str(a.body.alarm_name) ?? '').find((n) => n.includes(`-${r}-`)),
      gateAlarm: str(gate?.body.alarm_name),
      gateRegion: gate?.region,
    };
  };
  const targets = clusterTargets(config).filter((t) => t.envName === envName);
  const replicaRegion = soleReplica(envName, env, 'the DR runbook')?.region;
  const [primaryTarget, replicaTarget] = [targets.find((t) => t.role === 'primary'), targets.find((t) => t.region === replicaRegion)];
  if (!primaryTarget) return undefined;

  const lagAlarm = db.filter((a) => a.type === 'aws_cloudwatch_metric_alarm' && String(a.body.alarm_name).endsWith('-replica-lag')).map((a) => String(a.body.alarm_name))[0];
  const plans = inStack(stacks.backup).filter((p) => p.type === 'aws_backup_plan').map((p) => {
    const rules = Array.isArray(p.body.rule) ? (p.body.rule as Record<string, unknown>[]) : [];
    return {
      name: str(p.body.name) ?? p.name,
      region: p.region,
      schedule: rules.map((rule) => str(rule.schedule) ?? '').join(', '),
      copies: rules.length > 0 && rules.every((rule) => Array.isArray(rule.copy_action) && rule.copy_action.length > 0),
    };
  }).sort((a, b) => a.name.localeCompare(b.name));
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
    replica: replicaTarget ? region(replicaTarget) : undefined,
    stacks,
    globalCluster: names(db, 'aws_rds_global_cluster', 'global_cluster_identifier', primaryRegion)[0],
    failoverRecord: failoverApiHostname(config, envName),
    gateMetric,
    lagAlarm,
    plans,
    waivers,
  };
}

/** Tag that opts a resource into a plan, for the runbook's re-tagging step. */
export const backupTag = (facts: DrFacts) => `Key=${BACKUP_TAG_KEY},Value=${facts.data.database.backupPlan}`;
