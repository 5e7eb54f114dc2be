import { BackupVault } from '@cdktf/provider-aws/lib/backup-vault';
import { BackupVaultLockConfiguration } from '@cdktf/provider-aws/lib/backup-vault-lock-configuration';
import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Construct } from 'constructs';
import { AlertTopic } from './alert-topic.js';
import { CustomerKey } from './kms-key.js';

/** Job states that need a human: the job did not produce (or copy, or restore) a recovery point. */
export const FAILED_JOB_STATES = ['FAILED', 'ABORTED', 'EXPIRED'] as const;

export interface VaultLockProps {
  /** Shortest retention a recovery point may have in the vault. */
  readonly minRetentionDays: number;
  /** Longest retention a recovery point may have in the vault. */
  readonly maxRetentionDays: number;
  /** Grace period before the lock can no longer be changed or removed. */
  readonly changeableForDays: number;
}

export interface ProtectedBackupVaultProps {
  readonly accountId: string;
  readonly vaultName: string;
  /** Who hears about failed backup, copy and restore jobs of this region. */
  readonly alertEmails: string[];
  /** Vault Lock (compliance mode once the grace period ends). @default no lock */
  readonly lock?: VaultLockProps;
  /** @default the stack's provider */
  readonly provider?: AwsProvider;
}

/**
 * A backup vault of one region: its own customer key, an optional Vault Lock,
 * protection from destroy, and failed-job notifications (EventBridge to a
 * KMS-encrypted SNS topic) for every job that runs in the region.
 */
export class ProtectedBackupVault extends Construct {
  readonly vault: BackupVault;
  readonly key: CustomerKey;
  readonly alerts: AlertTopic;

  constructor(scope: Construct, id: string, props: ProtectedBackupVaultProps) {
    super(scope, id);
    const provider = props.provider;
    this.key = new CustomerKey(this, 'key', {
      accountId: props.accountId,
      alias: props.vaultName,
      description: `Recovery points of the ${props.vaultName} backup vault`,
      provider,
    });
    this.vault = new BackupVault(this, 'vault', {
      name: props.vaultName,
      kmsKeyArn: this.key.arn,
      forceDestroy: false,
      provider,
      lifecycle: { preventDestroy: true },
    });
    if (props.lock) {
      new BackupVaultLockConfiguration(this, 'lock', {
        backupVaultName: this.vault.name,
        minRetentionDays: props.lock.minRetentionDays,
        maxRetentionDays: props.lock.maxRetentionDays,
        changeableForDays: props.lock.changeableForDays,
        provider,
      });
    }
    this.alerts = new AlertTopic(this, 'alerts', {
      accountId: props.accountId,
      topicName: `${props.vaultName}-failed-jobs`,
      publishers: ['events.amazonaws.com'],
      emails: props.alertEmails,
      provider,
    });
    const rule = new CloudwatchEventRule(this, 'failed-jobs', {
      name: `${props.vaultName}-failed-jobs`,
      description: 'AWS Backup backup, copy or restore jobs that did not complete',
      eventPattern: JSON.stringify({
        source: ['aws.backup'],
        'detail-type': ['Backup Job State Change', 'Copy Job State Change', 'Restore Job State Change'],
        detail: { state: [...FAILED_JOB_STATES] },
      }),
      provider,
    });
    new CloudwatchEventTarget(this, 'notify', { rule: rule.name, arn: this.alerts.arn, provider });
  }
}
