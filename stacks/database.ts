import { DbInstanceAutomatedBackupsReplication } from '@cdktf/provider-aws/lib/db-instance-automated-backups-replication';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformOutput } from 'cdktf';
import type { Construct } from 'constructs';
import type { DatabaseLayout } from '../config/derive/data-layouts.js';
import type { StackEnvironment } from '../config/derive/stack-environment.js';
import { RDS_CROSS_REGION_READ_REPLICAS } from '../config/reference/aws-limits.js';
import type { AwsRegion } from '../config/reference/aws-regions.js';
import type { DatabaseAlarms as AlarmThresholds } from '../config/schema/data.js';
import { AlertTopic } from '../constructs/aws/alert-topic.js';
import { AuroraGlobalDatabase } from '../constructs/aws/aurora-global-database.js';
import { DatabaseAlarms } from '../constructs/aws/database-alarms.js';
import { DatabaseNetwork } from '../constructs/aws/database-network.js';
import { policyDocument } from '../constructs/aws/iam-policy.js';
import { CustomerKey } from '../constructs/aws/kms-key.js';
import { RdsPrimary } from '../constructs/aws/rds-primary.js';
import { RdsReplica } from '../constructs/aws/rds-replica.js';
import { PlatformStack } from './platform-stack.js';

/** What the database needs of one region's network and cluster stacks (their exports, not the stacks). */
export interface DatabaseSite {
  readonly network: {
    readonly vpcId: string;
    /** The subnets without a route out: the database's subnet group. */
    readonly isolatedSubnetIds: readonly string[];
    /** The region's CloudWatch Logs key (exported PostgreSQL logs). */
    readonly logsKeyArn: string;
  };
  readonly cluster: {
    /** The EKS cluster security group: the only client the database admits. */
    readonly clusterSecurityGroupId: string;
  };
}

/** Regions, names and settings come from config/derive/data-layouts.ts `databaseLayout`. */
export interface DatabaseStackProps extends DatabaseLayout {
  readonly environment: StackEnvironment;
  /** The network and cluster exports of the primary region and of every replica region. */
  readonly sites: ReadonlyMap<AwsRegion, DatabaseSite>;
}

/** What the database stack provisions in one region. */
interface RegionalBase {
  readonly region: AwsRegion;
  readonly provider: AwsProvider;
  readonly network: DatabaseNetwork;
  readonly key: CustomerKey;
  readonly topic: AlertTopic;
  readonly site: DatabaseSite;
  /** Prefix of its construct ids: 'primary', 'secondary' for the first replica region, 'secondary-<region>' for later ones. */
  readonly idPrefix: string;
}

/**
 * `<env>-<primary-region>-database`: the environment's PostgreSQL. Either an RDS
 * instance with a cross-region read replica in every replica region and
 * cross-region automated backups, or (config switch) an Aurora Global Database
 * with a secondary cluster in every replica region. Every region's resources
 * live in this one stack through aliased providers, so each replica is created
 * with the primary's ARN in a single plan; alarms page a KMS-encrypted topic per
 * region. The first replica region keeps the construct ids of the one-replica
 * design ('secondary', 'replica'): renaming them would replace the resources.
 */
export class DatabaseStack extends PlatformStack {
  private readonly thresholds: AlarmThresholds;

  constructor(scope: Construct, id: string, props: DatabaseStackProps) {
    super(scope, { environment: props.environment, region: props.primaryRegion, kind: 'database', tags: { Service: 'database' } }, id);
    const { settings, namePrefix: base } = props;
    this.thresholds = settings.alarms;
    const envName = this.envName;

    const monitoringRole = new IamRole(this, 'monitoring-role', {
      name: `${base}-rds-monitoring`,
      assumeRolePolicy: policyDocument([
        { Effect: 'Allow', Principal: { Service: 'monitoring.rds.amazonaws.com' }, Action: 'sts:AssumeRole' },
      ]),
    });
    new IamRolePolicyAttachment(this, 'monitoring-policy', {
      role: monitoringRole.name,
      policyArn: 'arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole',
    });

    const regional = (region: AwsRegion, idPrefix: string): RegionalBase => {
      const site = props.sites.get(region);
      if (!site)
        throw new Error(`stack ${this.node.id}: no network/cluster exports for ${envName} in ${region}; pass every region's in sites`);
      const provider = this.providerFor(region);
      const key = new CustomerKey(this, `${idPrefix}-key`, {
        accountId: this.accountId,
        alias: `${base}-database`,
        description: `Storage, Performance Insights and secrets of the ${envName} database in ${region}`,
        provider,
      });
      const network = new DatabaseNetwork(this, `${idPrefix}-network`, {
        name: `${envName}-${region}-database`,
        vpcId: site.network.vpcId,
        subnetIds: [...site.network.isolatedSubnetIds],
        clientSecurityGroupId: site.cluster.clusterSecurityGroupId,
        provider,
      });
      const topic = new AlertTopic(this, `${idPrefix}-alerts`, {
        accountId: this.accountId,
        topicName: `${base}-database-alerts`,
        publishers: ['cloudwatch.amazonaws.com'],
        emails: [...props.alertEmails],
        provider,
      });
      return { region, provider, network, key, topic, site, idPrefix };
    };

    const primary = regional(props.primaryRegion, 'primary');
    const replicas = props.replicaRegions.map((region, i) => regional(region, i === 0 ? 'secondary' : `secondary-${region}`));
    const common = {
      monitoringRoleArn: monitoringRole.arn,
      backupRetentionDays: props.backupRetentionDays,
      logRetentionDays: props.logRetentionDays,
    };
    const backupTags = { ...props.backupTags };
    // Outputs of later replica regions carry their region; the first keeps the one-replica name.
    const outputName = (name: string, i: number, region: AwsRegion) => (i === 0 ? name : `${name}_${region.replace(/-/g, '_')}`);

    if (settings.engine === 'aurora-postgres-global') {
      if (replicas.length === 0)
        throw new Error(`stack ${this.node.id}: an Aurora Global Database needs a region in environments.${envName}.regions.replicas`);
      const aurora = new AuroraGlobalDatabase(this, 'aurora', {
        name: `${base}-aurora`,
        settings,
        primary: { region: primary.region, network: primary.network, keyArn: primary.key.arn, logsKeyArn: primary.site.network.logsKeyArn },
        secondaries: replicas.map((r) => ({
          region: r.region,
          network: r.network,
          keyArn: r.key.arn,
          logsKeyArn: r.site.network.logsKeyArn,
          provider: r.provider,
        })),
        tags: backupTags,
        ...common,
      });
      this.alarms(primary, `${aurora.name}-${primary.region}`, 'DBClusterIdentifier', ['cpu', 'free-storage', 'connections']);
      replicas.forEach((r) => this.alarms(r, `${aurora.name}-${r.region}`, 'DBClusterIdentifier', ['replica-lag', 'cpu']));
      new TerraformOutput(this, 'global_cluster_id', { value: aurora.globalCluster.id });
      new TerraformOutput(this, 'writer_endpoint', { value: aurora.primaryCluster.endpoint });
      aurora.secondaryClusters.forEach((cluster, i) => {
        const region = replicas[i]?.region ?? primary.region;
        new TerraformOutput(this, outputName('secondary_endpoint', i, region), { value: cluster.endpoint });
      });
      new TerraformOutput(this, 'master_secret_arn', { value: aurora.masterSecret.arn });
      return;
    }

    if (replicas.length > RDS_CROSS_REGION_READ_REPLICAS) {
      throw new Error(
        `stack ${this.node.id}: ${replicas.length} cross-region read replicas, over the platform's limit of ${RDS_CROSS_REGION_READ_REPLICAS} per RDS instance; drop regions from environments.${envName}.regions.replicas or use engine 'aurora-postgres-global'`,
      );
    }
    const writerId = `${base}-postgres-${primary.region}`;
    const writer = new RdsPrimary(this, 'primary', {
      identifier: writerId,
      settings,
      network: primary.network,
      keyArn: primary.key.arn,
      logsKeyArn: primary.site.network.logsKeyArn,
      tags: backupTags,
      ...common,
    });
    this.alarms(primary, writerId, 'DBInstanceIdentifier', ['cpu', 'free-storage', 'connections']);
    new TerraformOutput(this, 'writer_endpoint', { value: writer.instance.address });
    new TerraformOutput(this, 'master_secret_arn', { value: writer.instance.masterUserSecret.get(0).secretArn });

    replicas.forEach((where, i) => {
      const replicaId = `${base}-postgres-${where.region}`;
      const replica = new RdsReplica(this, i === 0 ? 'replica' : `replica-${where.region}`, {
        identifier: replicaId,
        settings,
        sourceArn: writer.instance.arn,
        sourceRegion: primary.region,
        region: where.region,
        provider: where.provider,
        keyArn: where.key.arn,
        network: where.network,
        logsKeyArn: where.site.network.logsKeyArn,
        ...common,
      });
      // A second path to the data if the replica itself is lost: snapshots and WAL copied to the first
      // replica region. RDS replicates an instance's automated backups to one destination region; the
      // other replica regions hold their replica and the AWS Backup copies (stacks/backup.ts).
      if (i === 0) {
        new DbInstanceAutomatedBackupsReplication(this, 'backups-replication', {
          sourceDbInstanceArn: writer.instance.arn,
          kmsKeyId: where.key.arn,
          retentionPeriod: common.backupRetentionDays,
          provider: where.provider,
        });
      }
      this.alarms(where, replicaId, 'DBInstanceIdentifier', ['replica-lag', 'cpu', 'free-storage']);
      new TerraformOutput(this, outputName('replica_endpoint', i, where.region), { value: replica.instance.address });
    });
  }

  private alarms(
    where: RegionalBase,
    identifier: string,
    dimension: 'DBInstanceIdentifier' | 'DBClusterIdentifier',
    metrics: ConstructorParameters<typeof DatabaseAlarms>[2]['metrics'],
  ): void {
    new DatabaseAlarms(this, `${where.idPrefix}-alarms`, {
      identifier,
      dimension,
      thresholds: this.thresholds,
      metrics,
      topicArn: where.topic.arn,
      provider: where.provider,
    });
  }
}
