import { DbInstance } from '@cdktf/provider-aws/lib/db-instance';
import type { DbParameterGroup } from '@cdktf/provider-aws/lib/db-parameter-group';
import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Construct } from 'constructs';
import { rdsInstanceBase, type RdsInstanceBaseProps } from './rds-instance-base.js';

/**
 * What a failover changes on the replica (tools/dr/runbook-steps.ts): promotion drops its
 * source, and the runbook gives the promoted writer a managed password and the backup tag.
 * Terraform keeps its hands off them, so a plan after a failover neither tries to re-attach
 * the promoted writer to the old primary nor takes its password or backups away.
 */
export const REPLICA_IGNORED_AFTER_PROMOTION = ['replicate_source_db', 'manage_master_user_password', 'tags'] as const;

export interface RdsReplicaProps extends RdsInstanceBaseProps {
  /** ARN of the primary instance: a cross-region replica names its source by ARN. */
  readonly sourceArn: string;
  readonly sourceRegion: string;
  /** The replica's region; must differ from the source's. */
  readonly region: string;
  /** Aliased provider of the replica's region (the terraform-aws-modules pattern). */
  readonly provider: AwsProvider;
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
      throw new Error(
        `replica ${props.identifier}: its region (${props.region}) equals the primary's; a replica protects against a regional outage only in another region`,
      );
    }
    // keyArn must be a key of the replica's region: an encrypted source needs a destination-region key.
    const base = rdsInstanceBase(this, props);
    this.parameterGroup = base.parameterGroup;
    this.instance = new DbInstance(this, 'instance', {
      ...base.instance,
      replicateSourceDb: props.sourceArn,
      // RDS refuses a final snapshot of a read replica; deletion protection guards it instead.
      skipFinalSnapshot: true,
      lifecycle: { ...base.instance.lifecycle, ignoreChanges: [...REPLICA_IGNORED_AFTER_PROMOTION] },
    });
  }
}
