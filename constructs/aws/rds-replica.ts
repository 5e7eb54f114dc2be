import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { DbInstance } from '@cdktf/provider-aws/lib/db-instance';
import { DbParameterGroup } from '@cdktf/provider-aws/lib/db-parameter-group';
import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Construct } from 'constructs';
import type { DatabaseSettings } from '../../config/schema/data.js';
import type { DatabaseNetwork } from './database-network.js';
import { majorVersion, postgresParameters } from './database-parameters.js';
import { POSTGRES_LOG_EXPORTS, RDS_CA } from './rds-primary.js';

export interface RdsReplicaProps {
  readonly identifier: string;
  readonly settings: DatabaseSettings;
  /** ARN of the primary instance: a cross-region replica names its source by ARN. */
  readonly sourceArn: string;
  readonly sourceRegion: string;
  /** The replica's region; must differ from the source's. */
  readonly region: string;
  /** Aliased provider of the replica's region (the terraform-aws-modules pattern). */
  readonly provider: AwsProvider;
  /** A key of the replica's region: an encrypted source needs a destination-region key. */
  readonly keyArn: string;
  /** Subnet and security groups in the replica's region. */
  readonly network: DatabaseNetwork;
  readonly monitoringRoleArn: string;
  /** Backups the replica keeps, so that a promoted replica is protected at once. */
  readonly backupRetentionDays: number;
  readonly logsKeyArn: string;
  readonly logRetentionDays: number;
}

/**
 * A cross-region read replica of the primary (PostgreSQL streaming
 * replication): the standby a regional failover promotes. It has its own
 * parameter and subnet groups, security group, key and monitoring.
 */
export class RdsReplica extends Construct {
  readonly instance: DbInstance;
  readonly parameterGroup: DbParameterGroup;

  constructor(scope: Construct, id: string, props: RdsReplicaProps) {
    super(scope, id);
    if (props.region === props.sourceRegion) {
      throw new Error(`replica ${props.identifier}: its region (${props.region}) equals the primary's; a replica protects against a regional outage only in another region`);
    }
    const { settings, identifier, provider } = props;
    const major = majorVersion(settings.engineVersion);
    this.parameterGroup = new DbParameterGroup(this, 'parameters', {
      name: `${identifier}-pg${major}`,
      family: `postgres${major}`,
      description: `TLS-only, slow-statement logging for ${identifier}`,
      parameter: postgresParameters(settings),
      provider,
    });
    const logGroups = POSTGRES_LOG_EXPORTS.map((type) => new CloudwatchLogGroup(this, `log-${type}`, {
      name: `/aws/rds/instance/${identifier}/${type}`,
      retentionInDays: props.logRetentionDays,
      kmsKeyId: props.logsKeyArn,
      provider,
    }));
    this.instance = new DbInstance(this, 'instance', {
      identifier,
      replicateSourceDb: props.sourceArn,
      instanceClass: settings.instanceClass,
      maxAllocatedStorage: settings.maxAllocatedStorageGiB,
      storageType: 'gp3',
      storageEncrypted: true,
      kmsKeyId: props.keyArn,
      iamDatabaseAuthenticationEnabled: true,
      multiAz: settings.multiAz,
      dbSubnetGroupName: props.network.subnetGroup.name,
      vpcSecurityGroupIds: [props.network.securityGroup.id],
      publiclyAccessible: false,
      parameterGroupName: this.parameterGroup.name,
      caCertIdentifier: RDS_CA,
      backupRetentionPeriod: props.backupRetentionDays,
      backupWindow: settings.backupWindow,
      maintenanceWindow: settings.maintenanceWindow,
      autoMinorVersionUpgrade: true,
      copyTagsToSnapshot: true,
      deleteAutomatedBackups: false,
      performanceInsightsEnabled: true,
      performanceInsightsKmsKeyId: props.keyArn,
      performanceInsightsRetentionPeriod: 7,
      monitoringInterval: settings.monitoringIntervalSeconds,
      monitoringRoleArn: props.monitoringRoleArn,
      enabledCloudwatchLogsExports: [...POSTGRES_LOG_EXPORTS],
      deletionProtection: true,
      // RDS refuses a final snapshot of a read replica; deletion protection guards it instead.
      skipFinalSnapshot: true,
      dependsOn: logGroups,
      provider,
      lifecycle: { preventDestroy: true },
    });
  }
}
