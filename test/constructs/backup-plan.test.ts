import { BackupPlan } from '@cdktf/provider-aws/lib/backup-plan';
import { BackupSelection } from '@cdktf/provider-aws/lib/backup-selection';
import { describe, expect, test } from 'vitest';
import { BACKUP_COMPLETION_WINDOW_MINUTES, BACKUP_START_WINDOW_MINUTES } from '../../config/derive/backup.js';
import { CopiedBackupPlan, type CopiedBackupPlanProps } from '../../constructs/aws/backup-plan.js';
import { awsStack, only, PEER_REGION, providerRef, ref, regionProvider, synth } from './construct-stack.js';

const PEER_VAULT = `arn:aws:backup:${PEER_REGION}:111122223333:backup-vault:prod-usw2`;
const ROLE = 'arn:aws:iam::111122223333:role/prod-backup';

function build(props: Partial<CopiedBackupPlanProps> = {}) {
  const stack = awsStack();
  new CopiedBackupPlan(stack, 'plan', {
    planName: 'databases',
    schedule: 'cron(0 8 * * ? *)',
    vaultName: 'prod-use1',
    retentionDays: 35,
    tagKey: 'BackupPlan',
    tagValue: 'databases',
    roleArn: ROLE,
    ...props,
  });
  const out = synth(stack);
  return { out, plan: only(out, BackupPlan.tfResourceType), rule: only(out, BackupPlan.tfResourceType).rule[0] };
}

describe('CopiedBackupPlan', () => {
  test('one rule into the vault on the schedule, kept for the retention, within the platform windows', () => {
    const { plan, rule } = build();
    expect(plan.name).toBe('databases');
    expect(rule).toMatchObject({
      rule_name: 'databases',
      target_vault_name: 'prod-use1',
      schedule: 'cron(0 8 * * ? *)',
      start_window: BACKUP_START_WINDOW_MINUTES,
      completion_window: BACKUP_COMPLETION_WINDOW_MINUTES,
      lifecycle: { delete_after: 35 },
    });
  });

  test.each([
    [{}, false],
    [{ continuous: true }, true],
  ])('continuous backup %j -> enable_continuous_backup %s (snapshots by default)', (props, expected) => {
    expect(build(props).rule.enable_continuous_backup).toBe(expected);
  });

  test('no copy unless a vault in another region is given', () => {
    expect(build().rule.copy_action).toBeUndefined();
  });

  test('the copy goes to the other region and is kept as long as the original', () => {
    expect(build({ copyToVaultArns: [PEER_VAULT], retentionDays: 90 }).rule.copy_action).toEqual([
      { destination_vault_arn: PEER_VAULT, lifecycle: { delete_after: 90 } },
    ]);
  });

  test('one copy action per destination vault, in the order given', () => {
    const third = 'arn:aws:backup:eu-west-1:111122223333:backup-vault:prod-euw1';
    expect(build({ copyToVaultArns: [PEER_VAULT, third], retentionDays: 35 }).rule.copy_action).toEqual([
      { destination_vault_arn: PEER_VAULT, lifecycle: { delete_after: 35 } },
      { destination_vault_arn: third, lifecycle: { delete_after: 35 } },
    ]);
    expect(build({ copyToVaultArns: [] }).rule.copy_action).toBeUndefined();
  });

  test('resources opt in by tag, through the backup role', () => {
    const { out } = build({ tagKey: 'BackupPlan', tagValue: 'critical' });
    expect(only(out, BackupSelection.tfResourceType)).toMatchObject({
      name: 'databases',
      plan_id: ref(out, BackupPlan.tfResourceType, 'id'),
      iam_role_arn: ROLE,
      selection_tag: [{ type: 'STRINGEQUALS', key: 'BackupPlan', value: 'critical' }],
    });
  });

  test('a provider of another region places plan and selection there', () => {
    const stack = awsStack();
    new CopiedBackupPlan(stack, 'p', {
      planName: 'p',
      schedule: 's',
      vaultName: 'v',
      retentionDays: 1,
      tagKey: 'k',
      tagValue: 'v',
      roleArn: ROLE,
      provider: regionProvider(stack, PEER_REGION),
    });
    const out = synth(stack);
    expect(only(out, BackupPlan.tfResourceType).provider).toBe(providerRef(PEER_REGION));
    expect(only(out, BackupSelection.tfResourceType).provider).toBe(providerRef(PEER_REGION));
  });
});
