import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import type { DbInstanceConfig } from '@cdktf/provider-aws/lib/db-instance';
import { DbParameterGroup } from '@cdktf/provider-aws/lib/db-parameter-group';
import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import type { Construct } from 'constructs';
import type { DatabaseSettings } from '../../config/schema/data.js';
import type { DatabaseNetwork } from './database-network.js';
import { majorVersion, postgresParameters } from './database-parameters.js';

/** Log types RDS for PostgreSQL exports to CloudWatch Logs. */
export const POSTGRES_LOG_EXPORTS = ['postgresql', 'upgrade'] as const;
/** The RSA 2048 CA (valid to 2061); clients verify the server against it. */
export const RDS_CA = 'rds-ca-rsa2048-g1';

export interface RdsInstanceBaseProps {
  readonly identifier: string;
  readonly settings: DatabaseSettings;
  /** Subnet and security groups in the instance's region. */
  readonly network: DatabaseNetwork;
  /** Customer key of storage and Performance Insights, in the instance's region. */
  readonly keyArn: string;
  readonly monitoringRoleArn: string;
  /** Automated-backup (point-in-time) retention, from the retention table. */
  readonly backupRetentionDays: number;
  /** Key and retention of the exported PostgreSQL logs. */
  readonly logsKeyArn: string;
  readonly logRetentionDays: number;
  /** Provider of the instance's region. @default the stack's provider */
  readonly provider?: AwsProvider;
}

/**
 * What the writer and its cross-region replica share, built once so the two
 * cannot drift: a TLS-only parameter group, log groups owned before RDS creates
 * them (our retention and key), and the instance settings for encryption, no
 * public access, IAM auth, Performance Insights, monitoring and deletion protection.
 */
export function rdsInstanceBase(scope: Construct, props: RdsInstanceBaseProps) {
  const { settings, identifier, provider } = props;
  const major = majorVersion(settings.engineVersion);
  const parameterGroup = new DbParameterGroup(scope, 'parameters', {
    name: `${identifier}-pg${major}`,
    family: `postgres${major}`,
    description: `TLS-only, slow-statement logging for ${identifier}`,
    parameter: postgresParameters(settings),
    provider,
  });
  const logGroups = POSTGRES_LOG_EXPORTS.map(
    (type) =>
      new CloudwatchLogGroup(scope, `log-${type}`, {
        name: `/aws/rds/instance/${identifier}/${type}`,
        retentionInDays: props.logRetentionDays,
        kmsKeyId: props.logsKeyArn,
        provider,
      }),
  );
  const instance = {
    identifier,
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
    parameterGroupName: parameterGroup.name,
    caCertIdentifier: RDS_CA,
    backupRetentionPeriod: props.backupRetentionDays,
    backupWindow: settings.backupWindow,
    maintenanceWindow: settings.maintenanceWindow,
    // With it on, engineVersion names the major only (config/invariants/version.ts).
    autoMinorVersionUpgrade: settings.autoMinorVersionUpgrade,
    copyTagsToSnapshot: true,
    deleteAutomatedBackups: false,
    performanceInsightsEnabled: true,
    performanceInsightsKmsKeyId: props.keyArn,
    performanceInsightsRetentionPeriod: 7,
    monitoringInterval: settings.monitoringIntervalSeconds,
    monitoringRoleArn: props.monitoringRoleArn,
    enabledCloudwatchLogsExports: [...POSTGRES_LOG_EXPORTS],
    deletionProtection: true,
    dependsOn: logGroups,
    provider,
    lifecycle: { preventDestroy: true },
  } satisfies DbInstanceConfig;
  return { parameterGroup, instance };
}
