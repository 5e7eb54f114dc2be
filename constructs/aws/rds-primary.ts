import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { DbInstance } from '@cdktf/provider-aws/lib/db-instance';
import { DbParameterGroup } from '@cdktf/provider-aws/lib/db-parameter-group';
import { Construct } from 'constructs';
import type { DatabaseSettings } from '../../config/schema/data.js';
import type { DatabaseNetwork } from './database-network.js';
import { majorVersion, postgresParameters } from './database-parameters.js';

/** Log types RDS for PostgreSQL exports to CloudWatch Logs. */
export const POSTGRES_LOG_EXPORTS = ['postgresql', 'upgrade'] as const;
/** The RSA 2048 CA (valid to 2061); clients verify the server against it. */
export const RDS_CA = 'rds-ca-rsa2048-g1';

export interface RdsPrimaryProps {
  readonly identifier: string;
  readonly settings: DatabaseSettings;
  readonly network: DatabaseNetwork;
  /** Customer key of storage, Performance Insights and the master secret. */
  readonly keyArn: string;
  readonly monitoringRoleArn: string;
  /** Automated-backup (point-in-time) retention, from the retention table. */
  readonly backupRetentionDays: number;
  /** Key and retention of the exported PostgreSQL logs. */
  readonly logsKeyArn: string;
  readonly logRetentionDays: number;
  /** Tags selecting the instance into AWS Backup plans. @default {} */
  readonly tags?: Record<string, string>;
}

/**
 * The writer: PostgreSQL on RDS in the primary region, encrypted, never public,
 * TLS enforced, master password kept by Secrets Manager, IAM authentication,
 * Performance Insights, enhanced monitoring and exported logs, protected from
 * deletion and leaving a final snapshot if it is ever deleted.
 */
export class RdsPrimary extends Construct {
  readonly instance: DbInstance;
  readonly parameterGroup: DbParameterGroup;

  constructor(scope: Construct, id: string, props: RdsPrimaryProps) {
    super(scope, id);
    const { settings, identifier } = props;
    const major = majorVersion(settings.engineVersion);
    this.parameterGroup = new DbParameterGroup(this, 'parameters', {
      name: `${identifier}-pg${major}`,
      family: `postgres${major}`,
      description: `TLS-only, slow-statement logging for ${identifier}`,
      parameter: postgresParameters(settings),
    });
    // Owned before RDS creates them, so that retention and encryption are ours.
    const logGroups = POSTGRES_LOG_EXPORTS.map((type) => new CloudwatchLogGroup(this, `log-${type}`, {
      name: `/aws/rds/instance/${identifier}/${type}`,
      retentionInDays: props.logRetentionDays,
      kmsKeyId: props.logsKeyArn,
    }));
    this.instance = new DbInstance(this, 'instance', {
      identifier,
      engine: 'postgres',
      engineVersion: settings.engineVersion,
      instanceClass: settings.instanceClass,
      allocatedStorage: settings.allocatedStorageGiB,
      maxAllocatedStorage: settings.maxAllocatedStorageGiB,
      storageType: 'gp3',
      storageEncrypted: true,
      kmsKeyId: props.keyArn,
      dbName: settings.databaseName,
      username: settings.masterUsername,
      manageMasterUserPassword: true,
      masterUserSecretKmsKeyId: props.keyArn,
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
      allowMajorVersionUpgrade: false,
      copyTagsToSnapshot: true,
      deleteAutomatedBackups: false,
      performanceInsightsEnabled: true,
      performanceInsightsKmsKeyId: props.keyArn,
      performanceInsightsRetentionPeriod: 7,
      monitoringInterval: settings.monitoringIntervalSeconds,
      monitoringRoleArn: props.monitoringRoleArn,
      enabledCloudwatchLogsExports: [...POSTGRES_LOG_EXPORTS],
      deletionProtection: true,
      skipFinalSnapshot: false,
      finalSnapshotIdentifier: `${identifier}-final`,
      tags: props.tags,
      dependsOn: logGroups,
      lifecycle: { preventDestroy: true },
    });
  }
}
