import { BackupVault } from '@cdktf/provider-aws/lib/backup-vault';
import { BackupVaultLockConfiguration } from '@cdktf/provider-aws/lib/backup-vault-lock-configuration';
import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicPolicy } from '@cdktf/provider-aws/lib/sns-topic-policy';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import { describe, expect, test } from 'vitest';
import { FAILED_JOB_STATES, ProtectedBackupVault, type ProtectedBackupVaultProps } from '../../constructs/aws/backup-vault.js';
import {
  ACCOUNT,
  all,
  awsStack,
  named,
  only,
  PEER_REGION,
  providerRef,
  ref,
  regionProvider,
  statements,
  synth,
} from './construct-stack.js';

function build(props: Partial<ProtectedBackupVaultProps> = {}) {
  const stack = awsStack();
  new ProtectedBackupVault(stack, 'vault', { accountId: ACCOUNT, vaultName: 'prod-use1', alertEmails: ['dr@example.com'], ...props });
  return synth(stack);
}

describe('ProtectedBackupVault', () => {
  test('the vault is encrypted with its own key, never force-destroyed, and survives destroy', () => {
    const out = build();
    const vaultKey = named(out, KmsKey.tfResourceType, 'Recovery points of the prod-use1 backup vault');
    expect(vaultKey.lifecycle).toEqual({ prevent_destroy: true });
    expect(only(out, BackupVault.tfResourceType)).toEqual(
      expect.objectContaining({
        name: 'prod-use1',
        kms_key_arn: ref(out, KmsKey.tfResourceType, 'arn', 'backup vault'),
        force_destroy: false,
        lifecycle: { prevent_destroy: true },
      }),
    );
  });

  test('no Vault Lock unless asked', () => {
    expect(all(build(), BackupVaultLockConfiguration.tfResourceType)).toEqual([]);
  });

  test('Vault Lock bounds retention and its grace period', () => {
    const out = build({ lock: { minRetentionDays: 7, maxRetentionDays: 35, changeableForDays: 3 } });
    expect(only(out, BackupVaultLockConfiguration.tfResourceType)).toMatchObject({
      backup_vault_name: ref(out, BackupVault.tfResourceType, 'name'),
      min_retention_days: 7,
      max_retention_days: 35,
      changeable_for_days: 3,
    });
  });

  test('failed, aborted and expired backup, copy and restore jobs of the region raise an event', () => {
    const rule = only(build(), CloudwatchEventRule.tfResourceType);
    expect(rule.name).toBe('prod-use1-failed-jobs');
    expect(JSON.parse(rule.event_pattern)).toEqual({
      source: ['aws.backup'],
      'detail-type': ['Backup Job State Change', 'Copy Job State Change', 'Restore Job State Change'],
      detail: { state: ['FAILED', 'ABORTED', 'EXPIRED'] },
    });
    expect(FAILED_JOB_STATES).toEqual(['FAILED', 'ABORTED', 'EXPIRED']);
  });

  test('the events go to an encrypted topic EventBridge may publish to, with the alert e-mails subscribed', () => {
    const out = build({ alertEmails: ['dr@example.com', 'oncall@example.com'] });
    const topicArn = ref(out, SnsTopic.tfResourceType, 'arn');
    expect(only(out, CloudwatchEventTarget.tfResourceType)).toMatchObject({
      rule: ref(out, CloudwatchEventRule.tfResourceType, 'name'),
      arn: topicArn,
    });
    expect(only(out, SnsTopic.tfResourceType)).toMatchObject({
      name: 'prod-use1-failed-jobs',
      kms_master_key_id: ref(out, KmsKey.tfResourceType, 'arn', 'failed-jobs topic'),
    });
    expect(statements(only(out, SnsTopicPolicy.tfResourceType).policy).ServicesPublish.Principal).toEqual({
      Service: ['events.amazonaws.com'],
    });
    expect(all(out, SnsTopicSubscription.tfResourceType).map((s) => s.endpoint)).toEqual(['dr@example.com', 'oncall@example.com']);
  });

  test('a provider of another region places vault, lock, key, rule and topic there', () => {
    const stack = awsStack();
    new ProtectedBackupVault(stack, 'vault', {
      accountId: ACCOUNT,
      vaultName: 'prod-usw2',
      alertEmails: [],
      lock: { minRetentionDays: 1, maxRetentionDays: 2, changeableForDays: 3 },
      provider: regionProvider(stack, PEER_REGION),
    });
    const out = synth(stack);
    for (const type of [BackupVault, BackupVaultLockConfiguration, CloudwatchEventRule, CloudwatchEventTarget, SnsTopic])
      expect(only(out, type.tfResourceType).provider).toBe(providerRef(PEER_REGION));
    expect(all(out, KmsKey.tfResourceType).map((k) => k.provider)).toEqual([providerRef(PEER_REGION), providerRef(PEER_REGION)]);
  });
});
