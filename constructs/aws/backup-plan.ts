import { BackupPlan } from '@cdktf/provider-aws/lib/backup-plan';
import { BackupSelection } from '@cdktf/provider-aws/lib/backup-selection';
import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Construct } from 'constructs';
import { BACKUP_COMPLETION_WINDOW_MINUTES, BACKUP_START_WINDOW_MINUTES } from '../../config/derive/backup.js';

export interface CopiedBackupPlanProps {
  readonly planName: string;
  /** AWS Backup schedule, e.g. `cron(0 * * * ? *)`. */
  readonly schedule: string;
  readonly vaultName: string;
  /** Days a recovery point (and its copy) is kept. */
  readonly retentionDays: number;
  /**
   * Vaults in other regions, each receiving a copy of every recovery point
   * (one copy action per vault). @default [] (no copy)
   */
  readonly copyToVaultArns?: readonly string[];
  /**
   * Continuous backup (point-in-time restore) instead of snapshots; the schedule then
   * only sets when AWS Backup takes the snapshot it copies to `copyToVaultArns`.
   * @default false
   */
  readonly continuous?: boolean;
  /** Resources tagged `tagKey = tagValue` are selected. */
  readonly tagKey: string;
  readonly tagValue: string;
  /** Role AWS Backup assumes to take and copy backups. */
  readonly roleArn: string;
  /** @default the stack's provider */
  readonly provider?: AwsProvider;
}

/**
 * A backup plan whose recovery points are kept for the class's retention and
 * copied into other regions' vaults, selecting resources by tag so that a
 * stack opts a resource in without touching the plan. A continuous plan keeps one
 * point-in-time recovery point per resource; its copies are daily snapshots.
 */
export class CopiedBackupPlan extends Construct {
  readonly plan: BackupPlan;

  constructor(scope: Construct, id: string, props: CopiedBackupPlanProps) {
    super(scope, id);
    const lifecycle = { deleteAfter: props.retentionDays };
    const copies = props.copyToVaultArns ?? [];
    this.plan = new BackupPlan(this, 'plan', {
      name: props.planName,
      rule: [
        {
          ruleName: props.planName,
          targetVaultName: props.vaultName,
          schedule: props.schedule,
          enableContinuousBackup: props.continuous ?? false,
          startWindow: BACKUP_START_WINDOW_MINUTES,
          completionWindow: BACKUP_COMPLETION_WINDOW_MINUTES,
          lifecycle,
          copyAction: copies.length > 0 ? copies.map((destinationVaultArn) => ({ destinationVaultArn, lifecycle })) : undefined,
        },
      ],
      provider: props.provider,
    });
    new BackupSelection(this, 'selection', {
      name: props.planName,
      planId: this.plan.id,
      iamRoleArn: props.roleArn,
      selectionTag: [{ type: 'STRINGEQUALS', key: props.tagKey, value: props.tagValue }],
      provider: props.provider,
    });
  }
}
