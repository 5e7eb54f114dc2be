import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DbInstance } from '@cdktf/provider-aws/lib/db-instance';
import { DbParameterGroup } from '@cdktf/provider-aws/lib/db-parameter-group';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { App, TerraformStack, Testing } from 'cdktf';
import { describe, expect, test } from 'vitest';
import { databaseLayout } from '../../config/derive/data-layouts.js';
import { stackEnvironment } from '../../config/derive/stack-environment.js';
import { clusterTargets } from '../../config/derive/targets.js';
import type { AwsRegion } from '../../config/reference/aws-regions.js';
import type { PlatformConfig } from '../../config/schema/platform.js';
import { DatabaseAlarms } from '../../constructs/aws/database-alarms.js';
import { DatabaseNetwork } from '../../constructs/aws/database-network.js';
import { RdsReplica } from '../../constructs/aws/rds-replica.js';
import { addRegionStacks } from '../../stacks/app.js';
import { DatabaseStack, type DatabaseSite } from '../../stacks/database.js';
import { configWith, platformConfig, resourcesOf, stackJson, synthStack } from '../support/platform.js';

const LAYOUT = databaseLayout(platformConfig(), 'prod');
const PRIMARY_REGION = LAYOUT.primaryRegion;
const REPLICA_REGION = LAYOUT.replicaRegions[0] ?? PRIMARY_REGION;
const PROD = `prod-${PRIMARY_REGION}-database`;
const WRITER = `${LAYOUT.namePrefix}-postgres-${PRIMARY_REGION}`;
const REPLICA = `${LAYOUT.namePrefix}-postgres-${REPLICA_REGION}`;
const AURORA = `${LAYOUT.namePrefix}-aurora`;

/** Region of a resource's provider in a synthesized stack. */
function regionOf(json: { provider: Record<string, any> }, resource: Record<string, any>): string {
  const alias = typeof resource.provider === 'string' ? resource.provider.replace(/^aws\.?/, '') : '';
  const provider = (json.provider.aws as Record<string, any>[]).find((p) => (p.alias ?? '') === alias);
  return provider?.region;
}

function byName<T extends Record<string, any>>(items: T[], field: string, value: string): T {
  const found = items.find((i) => i[field] === value);
  if (!found) throw new Error(`no resource with ${field}=${value}`);
  return found;
}

/** The prod database stack built from another config (network and cluster stacks included, for the references). */
function prodDatabaseWith(config: PlatformConfig): { resource: Record<string, any>; provider: Record<string, any> } {
  const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'tradesense-db-')), stackTraces: false });
  const sites = new Map<AwsRegion, DatabaseSite>();
  for (const target of clusterTargets(config).filter((t) => t.envName === 'prod')) {
    const { network, cluster } = addRegionStacks(app, config, target);
    sites.set(target.region, { network: network.exports, cluster: cluster.exports });
  }
  const stack = new DatabaseStack(app, 'prod-us-east-1-database', {
    environment: stackEnvironment(config, 'prod'),
    ...databaseLayout(config, 'prod'),
    sites,
  });
  return JSON.parse(Testing.synth(stack, true));
}

describe('database stack (RDS PostgreSQL + cross-region replica)', () => {
  test('one stack per environment, in its primary region', () => {
    expect(stackJson(PROD).provider.aws[0]).toMatchObject({
      region: PRIMARY_REGION,
      allowed_account_ids: [platformConfig().environments.prod?.accountId],
    });
    expect(() => synthStack('dev-us-east-1-database')).not.toThrow();
    expect(() => synthStack('staging-us-east-1-database')).not.toThrow();
  });

  test('the primary: Multi-AZ, KMS, managed password, protected, backups from the retention table, never public', () => {
    expect(synthStack(PROD)).toHaveResourceWithProperties(DbInstance, {
      identifier: WRITER,
      engine: 'postgres',
      multi_az: true,
      storage_encrypted: true,
      manage_master_user_password: true,
      iam_database_authentication_enabled: true,
      publicly_accessible: false,
      deletion_protection: true,
      skip_final_snapshot: false,
      final_snapshot_identifier: `${WRITER}-final`,
      backup_retention_period: platformConfig().retention['database-snapshots'].retentionDays,
      maintenance_window: 'sun:06:00-sun:07:00',
      auto_minor_version_upgrade: true,
      performance_insights_enabled: true,
      monitoring_interval: 15,
      enabled_cloudwatch_logs_exports: ['postgresql', 'upgrade'],
      lifecycle: { prevent_destroy: true },
      tags: { BackupPlan: 'databases' },
    });
    const primary = byName(resourcesOf(PROD, 'aws_db_instance'), 'identifier', WRITER);
    expect(primary.backup_retention_period).toBeGreaterThanOrEqual(14);
    for (const field of ['kms_key_id', 'performance_insights_kms_key_id', 'master_user_secret_kms_key_id']) {
      expect(primary[field]).toMatch(/aws_kms_key\.primary-key/);
    }
  });

  test('both parameter groups force TLS and log slow statements', () => {
    const groups = resourcesOf(PROD, DbParameterGroup.tfResourceType);
    expect(groups).toHaveLength(2);
    for (const group of groups) {
      expect(group.family).toBe('postgres16');
      expect(group.parameter).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ name: 'rds.force_ssl', value: '1' }),
          expect.objectContaining({ name: 'log_min_duration_statement', value: '250' }),
        ]),
      );
    }
  });

  test('isolated subnets and a security group admitting 5432 from the cluster security group only', () => {
    const json = stackJson(PROD);
    const groups = resourcesOf(PROD, 'aws_db_subnet_group');
    expect(groups.map((g) => g.subnet_ids.every((id: string) => /isolated/.test(id)))).toEqual([true, true]);
    const rules = resourcesOf(PROD, 'aws_vpc_security_group_ingress_rule');
    expect(rules).toHaveLength(2);
    for (const rule of rules) {
      expect(rule).toMatchObject({ ip_protocol: 'tcp', from_port: 5432, to_port: 5432 });
      expect(rule.referenced_security_group_id).toMatch(/cluster_security_group_id/);
      expect(rule.cidr_ipv4).toBeUndefined();
    }
    expect(resourcesOf(PROD, 'aws_security_group').every((g) => g.egress.length === 0)).toBe(true);
    expect(rules.map((r) => regionOf(json, r)).sort()).toEqual([PRIMARY_REGION, REPLICA_REGION].sort());
  });

  test('the replica lives in the secondary region with a key of that region and its own groups', () => {
    const json = stackJson(PROD);
    const instances = resourcesOf(PROD, 'aws_db_instance');
    const primary = byName(instances, 'identifier', WRITER);
    const replica = byName(instances, 'identifier', REPLICA);
    expect(regionOf(json, primary)).toBe(PRIMARY_REGION);
    expect(regionOf(json, replica)).toBe(REPLICA_REGION);
    expect(replica.replicate_source_db).toMatch(/^\$\{aws_db_instance\.primary_instance_\w+\.arn\}$/);
    const keyName = /aws_kms_key\.([\w-]+)\.arn/.exec(replica.kms_key_id)?.[1] ?? '';
    expect(regionOf(json, json.resource.aws_kms_key[keyName])).toBe(REPLICA_REGION);
    for (const [field, type] of [
      ['parameter_group_name', 'aws_db_parameter_group'],
      ['db_subnet_group_name', 'aws_db_subnet_group'],
    ] as const) {
      const name = new RegExp(`${type}\\.([\\w-]+)\\.name`).exec(replica[field])?.[1] ?? '';
      expect(regionOf(json, json.resource[type][name])).toBe(REPLICA_REGION);
      expect(replica[field]).not.toBe(primary[field]);
    }
    expect(replica).toMatchObject({
      storage_encrypted: true,
      deletion_protection: true,
      monitoring_interval: 15,
      performance_insights_enabled: true,
    });
  });

  test('automated backups replicate to the secondary region with its key', () => {
    const json = stackJson(PROD);
    const [replication] = resourcesOf(PROD, 'aws_db_instance_automated_backups_replication');
    expect(regionOf(json, replication)).toBe(REPLICA_REGION);
    expect(replication.source_db_instance_arn).toMatch(/aws_db_instance\.primary_instance/);
    expect(replication.kms_key_id).toMatch(/aws_kms_key\.secondary-key/);
    expect(replication.retention_period).toBe(platformConfig().retention['database-snapshots'].retentionDays);
  });

  test('alarms on lag, CPU, storage and connections page a KMS-encrypted topic of their region', () => {
    const json = stackJson(PROD);
    const alarms = resourcesOf(PROD, 'aws_cloudwatch_metric_alarm');
    expect(alarms.map((a) => a.alarm_name).sort()).toEqual([
      `${WRITER}-connections`,
      `${WRITER}-cpu`,
      `${WRITER}-free-storage`,
      `${REPLICA}-cpu`,
      `${REPLICA}-free-storage`,
      `${REPLICA}-replica-lag`,
    ]);
    const lag = byName(alarms, 'alarm_name', `${REPLICA}-replica-lag`);
    expect(lag).toMatchObject({
      metric_name: 'ReplicaLag',
      threshold: LAYOUT.settings.alarms.replicaLagSeconds,
      dimensions: { DBInstanceIdentifier: REPLICA },
    });
    const topics = resourcesOf(PROD, 'aws_sns_topic');
    expect(topics.every((t) => /aws_kms_key\./.test(t.kms_master_key_id))).toBe(true);
    for (const alarm of alarms) {
      const topicName = /aws_sns_topic\.([\w-]+)\.arn/.exec(alarm.alarm_actions[0])?.[1] ?? '';
      expect(regionOf(json, json.resource.aws_sns_topic[topicName])).toBe(regionOf(json, alarm));
    }
  });

  test('the engine version names the major only, so the minor upgrades RDS applies are not planned away', () => {
    const instances = resourcesOf(PROD, 'aws_db_instance');
    expect(byName(instances, 'identifier', WRITER)).toMatchObject({
      engine: 'postgres',
      engine_version: '16',
      auto_minor_version_upgrade: true,
    });
    expect(byName(instances, 'identifier', REPLICA)).toMatchObject({ auto_minor_version_upgrade: true });
  });

  test('the replica ignores what a failover changes on it: its source, the managed password, the backup tag', () => {
    const instances = resourcesOf(PROD, 'aws_db_instance');
    expect(byName(instances, 'identifier', REPLICA).lifecycle).toEqual({
      prevent_destroy: true,
      ignore_changes: ['replicate_source_db', 'manage_master_user_password', 'tags'],
    });
    expect(byName(instances, 'identifier', WRITER).lifecycle).toEqual({ prevent_destroy: true });
  });

  test('the lag alarm treats missing data as OK (a promoted replica stops reporting lag); the others breach, so a silent replica still pages', () => {
    const alarms = resourcesOf(PROD, 'aws_cloudwatch_metric_alarm');
    expect(byName(alarms, 'alarm_name', `${REPLICA}-replica-lag`).treat_missing_data).toBe('notBreaching');
    const others = alarms.filter((a) => a.metric_name !== 'ReplicaLag');
    expect(others.map((a) => a.treat_missing_data)).toEqual(others.map(() => 'breaching'));
    expect(byName(alarms, 'alarm_name', `${REPLICA}-cpu`).treat_missing_data).toBe('breaching');
  });

  test('a lag alarm without the CPU alarm that catches a silent replica is refused', () => {
    const stack = new TerraformStack(Testing.app(), 'alarms-check');
    new AwsProvider(stack, 'aws', { region: 'us-west-2' });
    const thresholds = platformConfig().data.prod?.database.alarms;
    if (!thresholds) throw new Error('no prod alarm thresholds');
    const props = {
      identifier: 'db',
      dimension: 'DBInstanceIdentifier',
      thresholds,
      topicArn: 'arn:aws:sns:us-west-2:410987654321:t',
    } as const;
    expect(() => new DatabaseAlarms(stack, 'lag-only', { ...props, metrics: ['replica-lag'] })).toThrow(
      /alarms of db: 'replica-lag' ignores missing data \(a promoted replica stops reporting lag\); add 'cpu'/,
    );
    expect(() => new DatabaseAlarms(stack, 'lag-and-cpu', { ...props, metrics: ['replica-lag', 'cpu'] })).not.toThrow();
  });

  test('a single-region environment gets no replica', () => {
    expect(resourcesOf('dev-us-east-1-database', 'aws_db_instance').map((i) => i.identifier)).toEqual([
      'tradesense-dev-postgres-us-east-1',
    ]);
    expect(resourcesOf('dev-us-east-1-database', 'aws_db_instance_automated_backups_replication')).toEqual([]);
    expect(resourcesOf('dev-us-east-1-database', 'aws_db_instance')[0]).toMatchObject({ multi_az: false });
  });

  test("a replica in its primary's region is refused", () => {
    const stack = new TerraformStack(Testing.app(), 'replica-check');
    const provider = new AwsProvider(stack, 'aws', { region: 'us-east-1' });
    const network = new DatabaseNetwork(stack, 'net', { name: 'x', vpcId: 'vpc-1', subnetIds: ['s-1'], clientSecurityGroupId: 'sg-1' });
    const settings = platformConfig().data.prod?.database;
    if (!settings) throw new Error('no prod database settings');
    const props = {
      identifier: 'db',
      settings,
      sourceArn: 'arn',
      sourceRegion: 'us-east-1',
      provider,
      network,
      keyArn: 'k',
      monitoringRoleArn: 'r',
      backupRetentionDays: 7,
      logsKeyArn: 'l',
      logRetentionDays: 30,
    };
    expect(() => new RdsReplica(stack, 'same', { ...props, region: 'us-east-1' })).toThrow(/its region \(us-east-1\) equals the primary's/);
    expect(() => new RdsReplica(stack, 'other', { ...props, region: 'us-west-2' })).not.toThrow();
  });
});

describe('database stack (Aurora PostgreSQL Global Database switch)', () => {
  const json = prodDatabaseWith(
    configWith((c) => {
      const prod = c.data.prod;
      if (prod) Object.assign(prod.database, { engine: 'aurora-postgres-global', engineVersion: '16.6' });
    }),
  );
  const clusters = Object.values<Record<string, any>>(json.resource.aws_rds_cluster ?? {});

  test('a global cluster with a primary and a secondary cluster in different regions, each with its own key', () => {
    expect(Object.values(json.resource.aws_rds_global_cluster)).toEqual([
      expect.objectContaining({
        global_cluster_identifier: AURORA,
        engine: 'aurora-postgresql',
        storage_encrypted: true,
        deletion_protection: true,
      }),
    ]);
    expect(json.resource.aws_db_instance).toBeUndefined();
    expect(clusters.map((c) => [c.cluster_identifier, regionOf(json, c)]).sort()).toEqual([
      [`${AURORA}-${PRIMARY_REGION}`, PRIMARY_REGION],
      [`${AURORA}-${REPLICA_REGION}`, REPLICA_REGION],
    ]);
    for (const cluster of clusters) {
      expect(cluster.global_cluster_identifier).toMatch(/aws_rds_global_cluster\./);
      const key = /aws_kms_key\.([\w-]+)\.arn/.exec(cluster.kms_key_id)?.[1] ?? '';
      expect(regionOf(json, json.resource.aws_kms_key[key])).toBe(regionOf(json, cluster));
      expect(cluster).toMatchObject({
        storage_encrypted: true,
        deletion_protection: true,
        iam_database_authentication_enabled: true,
        lifecycle: { prevent_destroy: true },
      });
    }
  });

  test('only the primary carries credentials (write-only) and the backup tag; the secondary waits for the writer', () => {
    const primary = byName(clusters, 'cluster_identifier', `${AURORA}-${PRIMARY_REGION}`);
    const secondary = byName(clusters, 'cluster_identifier', `${AURORA}-${REPLICA_REGION}`);
    expect(primary).toMatchObject({
      master_username: 'tradesense_admin',
      master_password_wo_version: 1,
      tags: { BackupPlan: 'databases' },
    });
    expect(primary.master_password).toBeUndefined();
    expect(secondary.master_username).toBeUndefined();
    expect(secondary.depends_on.join(' ')).toMatch(/aws_rds_cluster_instance\.aurora_primary-instance/);
    expect(Object.values(json.resource.aws_secretsmanager_secret)[0]).toMatchObject({
      replica: [expect.objectContaining({ region: REPLICA_REGION })],
    });
  });

  test('versions: the global cluster carries the exact version and upgrades its members; instances follow their cluster', () => {
    expect(Object.values(json.resource.aws_rds_global_cluster)[0]).toMatchObject({ engine_version: '16.6' });
    for (const cluster of clusters) {
      expect(cluster.engine_version).toBe('16.6');
      expect(cluster.lifecycle.ignore_changes).toEqual(['replication_source_identifier', 'global_cluster_identifier', 'engine_version']);
    }
    for (const instance of Object.values<Record<string, any>>(json.resource.aws_rds_cluster_instance)) {
      expect(instance.engine_version).toBeUndefined();
      expect(instance.auto_minor_version_upgrade).toBe(false);
    }
  });

  test('Multi-AZ means two instances per region; the lag alarm watches the secondary in milliseconds', () => {
    expect(Object.keys(json.resource.aws_rds_cluster_instance)).toHaveLength(4);
    const lag = Object.values<Record<string, any>>(json.resource.aws_cloudwatch_metric_alarm).find(
      (a) => a.metric_name === 'AuroraGlobalDBReplicationLag',
    );
    expect(lag).toMatchObject({
      threshold: 30_000,
      dimensions: { DBClusterIdentifier: `${AURORA}-${REPLICA_REGION}` },
      treat_missing_data: 'notBreaching',
    });
    expect(regionOf(json, lag ?? {})).toBe(REPLICA_REGION);
  });
});
