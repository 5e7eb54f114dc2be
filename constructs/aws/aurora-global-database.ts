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
  readonly secondary: AuroraRegion;
  readonly monitoringRoleArn: string;
  readonly backupRetentionDays: number;
  readonly logRetentionDays: number;
  /** Tags selecting the primary cluster into AWS Backup plans. @default {} */
  readonly tags?: Record<string, string>;
}

/**
 * An Aurora PostgreSQL Global Database: a writer cluster in the primary region
 * and a read-only secondary cluster replicated at the storage layer (typically
 * under a second behind), promotable by a managed failover.
 *
 * RDS cannot manage the master password of a global cluster in Secrets Manager,
 * so it is generated at plan time, passed write-only (never kept in the cluster's
 * state) and stored in a secret replicated to the secondary region.
 */
export class AuroraGlobalDatabase extends Construct {
  readonly globalCluster: RdsGlobalCluster;
  readonly primaryCluster: RdsCluster;
  readonly secondaryCluster: RdsCluster;
  readonly masterSecret: SecretsmanagerSecret;
  /** Global cluster identifier; regional clusters are `<name>-<region>`. */
  readonly name: string;

  constructor(scope: Construct, id: string, props: AuroraGlobalDatabaseProps) {
    super(scope, id);
    const { settings, name, primary, secondary } = props;
    this.name = name;
    if (primary.region === secondary.region) {
      throw new Error(`global database ${name}: the secondary region (${secondary.region}) equals the primary's; pick another region`);
    }
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
      replica: [{ region: secondary.region, kmsKeyId: secondary.keyArn }],
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
    // The secondary joins once the writer exists; it inherits credentials and schema.
    [this.secondaryCluster] = this.regionalCluster('secondary', secondary, props, { dependsOn: primaryInstances });
  }

  private regionalCluster(
    role: 'primary' | 'secondary',
    where: AuroraRegion,
    props: AuroraGlobalDatabaseProps,
    extra: Partial<ConstructorParameters<typeof RdsCluster>[2]>,
  ): [RdsCluster, RdsClusterInstance[]] {
    const { settings } = props;
    const provider = where.provider;
    const identifier = `${props.name}-${where.region}`;
    const major = majorVersion(settings.engineVersion);
    const parameters = new RdsClusterParameterGroup(this, `${role}-parameters`, {
      name: `${identifier}-apg${major}`,
      family: `${ENGINE}${major}`,
      description: `TLS-only, slow-statement logging for ${identifier}`,
      parameter: postgresParameters(settings),
      provider,
    });
    const logGroup = new CloudwatchLogGroup(this, `${role}-log-postgresql`, {
      name: `/aws/rds/cluster/${identifier}/postgresql`,
      retentionInDays: props.logRetentionDays,
      kmsKeyId: where.logsKeyArn,
      provider,
    });
    const cluster = new RdsCluster(this, `${role}-cluster`, {
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
    const instances = Array.from({ length: count }, (_, i) => new RdsClusterInstance(this, `${role}-instance-${i + 1}`, {
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
    }));
    return [cluster, instances];
  }
}
