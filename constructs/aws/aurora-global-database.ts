import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { DataAwsSecretsmanagerRandomPassword } from '@cdktf/provider-aws/lib/data-aws-secretsmanager-random-password';
import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { RdsCluster } from '@cdktf/provider-aws/lib/rds-cluster';
import { RdsClusterInstance } from '@cdktf/provider-aws/lib/rds-cluster-instance';
import { RdsClusterParameterGroup } from '@cdktf/provider-aws/lib/rds-cluster-parameter-group';
import { RdsGlobalCluster } from '@cdktf/provider-aws/lib/rds-global-cluster';
import { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret';
import { SecretsmanagerSecretVersion } from '@cdktf/provider-aws/lib/secretsmanager-secret-version';
import { Fn } from 'cdktf';
import { Construct } from 'constructs';
import { AURORA_GLOBAL_SECONDARY_REGIONS } from '../../config/reference/aws-limits.js';
import type { DatabaseSettings } from '../../config/schema/data.js';
import type { DatabaseNetwork } from './database-network.js';
import { majorVersion, postgresParameters } from './database-parameters.js';
import { RDS_CA } from './rds-instance-base.js';

const ENGINE = 'aurora-postgresql';

/** One region of the global database. */
export interface AuroraRegion {
  readonly region: string;
  readonly network: DatabaseNetwork;
  /** Storage key of this region (each region encrypts with its own key). */
  readonly keyArn: string;
  readonly logsKeyArn: string;
  /** @default the stack's provider */
  readonly provider?: AwsProvider;
}

export interface AuroraGlobalDatabaseProps {
  /** Global cluster identifier; regional clusters append their region. */
  readonly name: string;
  readonly settings: DatabaseSettings;
  readonly primary: AuroraRegion;
  /** The read-only clusters, one per other region, in config order (at most 10, AWS's limit). */
  readonly secondaries: readonly AuroraRegion[];
  readonly monitoringRoleArn: string;
  readonly backupRetentionDays: number;
  readonly logRetentionDays: number;
  /** Tags selecting the primary cluster into AWS Backup plans. @default {} */
  readonly tags?: Record<string, string>;
}

/**
 * An Aurora PostgreSQL Global Database: a writer cluster in the primary region
 * and a read-only secondary cluster in each other region, replicated at the
 * storage layer (typically under a second behind), each promotable by a managed
 * failover. The first secondary keeps the construct ids of the single-secondary
 * design (`secondary-*`); later ones add their region (`secondary-<region>-*`).
 *
 * RDS cannot manage the master password of a global cluster in Secrets Manager,
 * so it is generated at plan time, passed write-only (never kept in the cluster's
 * state) and stored in a secret replicated to every secondary region.
 */
export class AuroraGlobalDatabase extends Construct {
  readonly globalCluster: RdsGlobalCluster;
  readonly primaryCluster: RdsCluster;
  /** The secondary clusters, in the order of `secondaries`. */
  readonly secondaryClusters: readonly RdsCluster[];
  readonly masterSecret: SecretsmanagerSecret;
  /** Global cluster identifier; regional clusters are `<name>-<region>`. */
  readonly name: string;

  constructor(scope: Construct, id: string, props: AuroraGlobalDatabaseProps) {
    super(scope, id);
    const { settings, name, primary, secondaries } = props;
    this.name = name;
    if (secondaries.length === 0)
      throw new Error(`global database ${name}: no secondary region; a global database spans two regions or more`);
    if (secondaries.length > AURORA_GLOBAL_SECONDARY_REGIONS) {
      throw new Error(
        `global database ${name}: ${secondaries.length} secondary regions, over Aurora's limit of ${AURORA_GLOBAL_SECONDARY_REGIONS}; drop replica regions`,
      );
    }
    secondaries.forEach((secondary, i) => {
      if (primary.region === secondary.region) {
        throw new Error(`global database ${name}: the secondary region (${secondary.region}) equals the primary's; pick another region`);
      }
      if (secondaries.slice(0, i).some((other) => other.region === secondary.region)) {
        throw new Error(`global database ${name}: ${secondary.region} holds two secondary clusters; Aurora allows one per region`);
      }
    });
    this.globalCluster = new RdsGlobalCluster(this, 'global', {
      globalClusterIdentifier: name,
      engine: ENGINE,
      engineVersion: settings.engineVersion,
      databaseName: settings.databaseName,
      storageEncrypted: true,
      deletionProtection: true,
      lifecycle: { preventDestroy: true },
    });

    const password = new DataAwsSecretsmanagerRandomPassword(this, 'master-password', { passwordLength: 32, excludePunctuation: true });
    this.masterSecret = new SecretsmanagerSecret(this, 'master-secret', {
      name: `${name}/master`,
      description: `Master credentials of the ${name} global database`,
      kmsKeyId: primary.keyArn,
      replica: secondaries.map((secondary) => ({ region: secondary.region, kmsKeyId: secondary.keyArn })),
      recoveryWindowInDays: 30,
    });
    new SecretsmanagerSecretVersion(this, 'master-secret-value', {
      secretId: this.masterSecret.id,
      secretStringWo: Fn.jsonencode({ username: settings.masterUsername, password: password.randomPassword }),
      secretStringWoVersion: 1,
    });

    const [primaryCluster, primaryInstances] = this.regionalCluster('primary', primary, props, {
      masterUsername: settings.masterUsername,
      masterPasswordWo: password.randomPassword,
      masterPasswordWoVersion: 1,
      tags: props.tags,
    });
    this.primaryCluster = primaryCluster;
    // Secondaries join once the writer exists; they inherit credentials and schema.
    this.secondaryClusters = secondaries.map((secondary, i) => {
      const [cluster] = this.regionalCluster(i === 0 ? 'secondary' : `secondary-${secondary.region}`, secondary, props, {
        dependsOn: primaryInstances,
      });
      return cluster;
    });
  }

  private regionalCluster(
    idPrefix: string,
    where: AuroraRegion,
    props: AuroraGlobalDatabaseProps,
    extra: Partial<ConstructorParameters<typeof RdsCluster>[2]>,
  ): [RdsCluster, RdsClusterInstance[]] {
    const { settings } = props;
    const provider = where.provider;
    const identifier = `${props.name}-${where.region}`;
    const major = majorVersion(settings.engineVersion);
    const parameters = new RdsClusterParameterGroup(this, `${idPrefix}-parameters`, {
      name: `${identifier}-apg${major}`,
      family: `${ENGINE}${major}`,
      description: `TLS-only, slow-statement logging for ${identifier}`,
      parameter: postgresParameters(settings),
      provider,
    });
    const logGroup = new CloudwatchLogGroup(this, `${idPrefix}-log-postgresql`, {
      name: `/aws/rds/cluster/${identifier}/postgresql`,
      retentionInDays: props.logRetentionDays,
      kmsKeyId: where.logsKeyArn,
      provider,
    });
    const cluster = new RdsCluster(this, `${idPrefix}-cluster`, {
      clusterIdentifier: identifier,
      globalClusterIdentifier: this.globalCluster.id,
      engine: ENGINE,
      engineVersion: settings.engineVersion,
      storageEncrypted: true,
      kmsKeyId: where.keyArn,
      dbSubnetGroupName: where.network.subnetGroup.name,
      vpcSecurityGroupIds: [where.network.securityGroup.id],
      dbClusterParameterGroupName: parameters.name,
      iamDatabaseAuthenticationEnabled: true,
      backupRetentionPeriod: props.backupRetentionDays,
      preferredBackupWindow: settings.backupWindow,
      preferredMaintenanceWindow: settings.maintenanceWindow,
      enabledCloudwatchLogsExports: ['postgresql'],
      copyTagsToSnapshot: true,
      deletionProtection: true,
      skipFinalSnapshot: false,
      finalSnapshotIdentifier: `${identifier}-final`,
      provider,
      ...extra,
      dependsOn: [logGroup, ...(extra.dependsOn ?? [])],
      // After a managed failover AWS rewrites the replication source; Terraform must not undo it.
      // Engine upgrades go through the global cluster, which upgrades its members (provider docs).
      lifecycle: { preventDestroy: true, ignoreChanges: ['replication_source_identifier', 'global_cluster_identifier', 'engine_version'] },
    });
    const count = settings.multiAz ? 2 : 1;
    const instances = Array.from(
      { length: count },
      (_, i) =>
        new RdsClusterInstance(this, `${idPrefix}-instance-${i + 1}`, {
          identifier: `${identifier}-${i + 1}`,
          clusterIdentifier: cluster.id,
          engine: ENGINE,
          // No engineVersion: instances run their cluster's version.
          instanceClass: settings.instanceClass,
          publiclyAccessible: false,
          caCertIdentifier: RDS_CA,
          // AWS applies no automatic minor upgrades to global database members; versions move through config.
          autoMinorVersionUpgrade: false,
          preferredMaintenanceWindow: settings.maintenanceWindow,
          performanceInsightsEnabled: true,
          performanceInsightsKmsKeyId: where.keyArn,
          performanceInsightsRetentionPeriod: 7,
          monitoringInterval: settings.monitoringIntervalSeconds,
          monitoringRoleArn: props.monitoringRoleArn,
          promotionTier: i,
          provider,
        }),
    );
    return [cluster, instances];
  }
}
