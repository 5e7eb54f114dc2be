import { DbInstanceAutomatedBackupsReplication } from '@cdktf/provider-aws/lib/db-instance-automated-backups-replication';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformOutput } from 'cdktf';
import type { Construct } from 'constructs';
import { soleReplica } from '../config/derive/regions.js';
import { retentionDays } from '../config/derive/retention.js';
import { BACKUP_TAG_KEY } from '../config/derive/tags.js';
import type { AwsRegion } from '../config/reference/aws-regions.js';
import type { EnvironmentData } from '../config/schema/data.js';
import type { PlatformConfig } from '../config/schema/platform.js';
import { AlertTopic } from '../constructs/aws/alert-topic.js';
import { AuroraGlobalDatabase } from '../constructs/aws/aurora-global-database.js';
import { DatabaseAlarms } from '../constructs/aws/database-alarms.js';
import { DatabaseNetwork } from '../constructs/aws/database-network.js';
import { policyDocument } from '../constructs/aws/iam-policy.js';
import { CustomerKey } from '../constructs/aws/kms-key.js';
import { RdsPrimary } from '../constructs/aws/rds-primary.js';
import { RdsReplica } from '../constructs/aws/rds-replica.js';
import type { ClusterStack } from './cluster.js';
import type { NetworkStack } from './network.js';
import { PlatformStack } from './platform-stack.js';

/** The stacks of one region the database sits in: its VPC and the cluster that connects. */
export interface RegionSite {
  readonly network: NetworkStack;
  readonly cluster: ClusterStack;
}

/** Key of a region's site in the map app.ts fills. */
export function siteKey(envName: string, region: string): string {
  return `${envName}/${region}`;
}

/** What the database stack provisions in one region. */
interface RegionalBase {
  readonly region: AwsRegion;
  readonly provider: AwsProvider;
  readonly network: DatabaseNetwork;
  readonly key: CustomerKey;
  readonly topic: AlertTopic;
  readonly site: RegionSite;
}

/**
 * `<env>-<primary-region>-database`: the environment's PostgreSQL. Either an RDS
 * instance with a cross-region read replica and cross-region automated backups,
 * or (config switch) an Aurora Global Database. Both regions' resources live in
 * this one stack through an aliased provider, so the replica is created with the
 * primary's ARN in a single plan; alarms page a KMS-encrypted topic per region.
 */
export class DatabaseStack extends PlatformStack {
  readonly data: EnvironmentData;

  constructor(scope: Construct, config: PlatformConfig, envName: string, sites: ReadonlyMap<string, RegionSite>) {
    const env = config.environments[envName];
    if (!env) throw new Error(`database stack: unknown environment '${envName}'`);
    super(scope, { config, envName, region: env.regions.primary.region, kind: 'database', tags: { Service: 'database' } });
    const data = config.data[envName];
    if (!data) throw new Error(`stack ${this.node.id}: no data.${envName} in config; add its database settings`);
    this.data = data;
    const settings = data.database;
    const base = `${config.organization.name}-${envName}`;

    const monitoringRole = new IamRole(this, 'monitoring-role', {
      name: `${base}-rds-monitoring`,
      assumeRolePolicy: policyDocument([{ Effect: 'Allow', Principal: { Service: 'monitoring.rds.amazonaws.com' }, Action: 'sts:AssumeRole' }]),
    });
    new IamRolePolicyAttachment(this, 'monitoring-policy', {
      role: monitoringRole.name,
      policyArn: 'arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole',
    });

    // Construct ids keep 'secondary' for the replica region's pieces: renaming them would replace the resources.
    const regional = (region: AwsRegion, role: 'primary' | 'secondary'): RegionalBase => {
      const site = sites.get(siteKey(envName, region));
      if (!site) throw new Error(`stack ${this.node.id}: no network/cluster stacks for ${envName} in ${region}; build them first in stacks/app.ts`);
      const provider = this.providerFor(region);
      const key = new CustomerKey(this, `${role}-key`, {
        accountId: this.accountId,
        alias: `${base}-database`,
        description: `Storage, Performance Insights and secrets of the ${envName} database in ${region}`,
        provider,
      });
      const network = new DatabaseNetwork(this, `${role}-network`, {
        name: `${envName}-${region}-database`,
        vpcId: site.network.network.vpc.id,
        subnetIds: site.network.network.isolatedSubnets.map((s) => s.id),
        clientSecurityGroupId: site.cluster.eks.cluster.vpcConfig.clusterSecurityGroupId,
        provider,
      });
      const topic = new AlertTopic(this, `${role}-alerts`, {
        accountId: this.accountId,
        topicName: `${base}-database-alerts`,
        publishers: ['cloudwatch.amazonaws.com'],
        emails: [env.owner.contact],
        provider,
      });
      return { region, provider, network, key, topic, site };
    };

    const primary = regional(env.regions.primary.region, 'primary');
    const replicaSpec = soleReplica(envName, env, settings.engine === 'aurora-postgres-global' ? 'the Aurora Global Database' : 'the RDS cross-region read replica');
    const replicaBase = replicaSpec ? regional(replicaSpec.region, 'secondary') : undefined;
    const common = {
      monitoringRoleArn: monitoringRole.arn,
      backupRetentionDays: retentionDays(config, 'database-snapshots'),
      logRetentionDays: retentionDays(config, 'application-logs'),
    };
    const backupTags = { [BACKUP_TAG_KEY]: settings.backupPlan };

    if (settings.engine === 'aurora-postgres-global') {
      if (!replicaBase) throw new Error(`stack ${this.node.id}: an Aurora Global Database needs a region in environments.${envName}.regions.replicas`);
      const aurora = new AuroraGlobalDatabase(this, 'aurora', {
        name: `${base}-aurora`,
        settings,
        primary: { region: primary.region, network: primary.network, keyArn: primary.key.arn, logsKeyArn: primary.site.network.logsKey.arn },
        secondary: { region: replicaBase.region, network: replicaBase.network, keyArn: replicaBase.key.arn, logsKeyArn: replicaBase.site.network.logsKey.arn, provider: replicaBase.provider },
        tags: backupTags,
        ...common,
      });
      this.alarms('primary', primary, `${aurora.name}-${primary.region}`, 'DBClusterIdentifier', ['cpu', 'free-storage', 'connections']);
      this.alarms('secondary', replicaBase, `${aurora.name}-${replicaBase.region}`, 'DBClusterIdentifier', ['replica-lag', 'cpu']);
      new TerraformOutput(this, 'global_cluster_id', { value: aurora.globalCluster.id });
      new TerraformOutput(this, 'writer_endpoint', { value: aurora.primaryCluster.endpoint });
      new TerraformOutput(this, 'secondary_endpoint', { value: aurora.secondaryCluster.endpoint });
      new TerraformOutput(this, 'master_secret_arn', { value: aurora.masterSecret.arn });
      return;
    }

    const writerId = `${base}-postgres-${primary.region}`;
    const writer = new RdsPrimary(this, 'primary', {
      identifier: writerId,
      settings,
      network: primary.network,
      keyArn: primary.key.arn,
      logsKeyArn: primary.site.network.logsKey.arn,
      tags: backupTags,
      ...common,
    });
    this.alarms('primary', primary, writerId, 'DBInstanceIdentifier', ['cpu', 'free-storage', 'connections']);
    new TerraformOutput(this, 'writer_endpoint', { value: writer.instance.address });
    new TerraformOutput(this, 'master_secret_arn', { value: writer.instance.masterUserSecret.get(0).secretArn });
    if (!replicaBase) return;

    const replicaId = `${base}-postgres-${replicaBase.region}`;
    const replica = new RdsReplica(this, 'replica', {
      identifier: replicaId,
      settings,
      sourceArn: writer.instance.arn,
      sourceRegion: primary.region,
      region: replicaBase.region,
      provider: replicaBase.provider,
      keyArn: replicaBase.key.arn,
      network: replicaBase.network,
      logsKeyArn: replicaBase.site.network.logsKey.arn,
      ...common,
    });
    // A second path to the data if the replica itself is lost: snapshots and WAL copied to the replica region.
    new DbInstanceAutomatedBackupsReplication(this, 'backups-replication', {
      sourceDbInstanceArn: writer.instance.arn,
      kmsKeyId: replicaBase.key.arn,
      retentionPeriod: common.backupRetentionDays,
      provider: replicaBase.provider,
    });
    this.alarms('secondary', replicaBase, replicaId, 'DBInstanceIdentifier', ['replica-lag', 'cpu', 'free-storage']);
    new TerraformOutput(this, 'replica_endpoint', { value: replica.instance.address });
  }

  private alarms(
    role: string,
    where: RegionalBase,
    identifier: string,
    dimension: 'DBInstanceIdentifier' | 'DBClusterIdentifier',
    metrics: ConstructorParameters<typeof DatabaseAlarms>[2]['metrics'],
  ): void {
    new DatabaseAlarms(this, `${role}-alarms`, {
      identifier,
      dimension,
      thresholds: this.data.database.alarms,
      metrics,
      topicArn: where.topic.arn,
      provider: where.provider,
    });
  }
}
