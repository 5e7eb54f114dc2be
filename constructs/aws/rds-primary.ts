import { DbInstance } from '@cdktf/provider-aws/lib/db-instance';
import type { DbParameterGroup } from '@cdktf/provider-aws/lib/db-parameter-group';
import { Construct } from 'constructs';
import { rdsInstanceBase, type RdsInstanceBaseProps } from './rds-instance-base.js';

export interface RdsPrimaryProps extends RdsInstanceBaseProps {
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
    const base = rdsInstanceBase(this, props);
    this.parameterGroup = base.parameterGroup;
    this.instance = new DbInstance(this, 'instance', {
      ...base.instance,
      engine: 'postgres',
      engineVersion: settings.engineVersion,
      allocatedStorage: settings.allocatedStorageGiB,
      dbName: settings.databaseName,
      username: settings.masterUsername,
      manageMasterUserPassword: true,
      masterUserSecretKmsKeyId: props.keyArn,
      allowMajorVersionUpgrade: false,
      skipFinalSnapshot: false,
      finalSnapshotIdentifier: `${identifier}-final`,
      tags: props.tags,
    });
  }
}
