import { describe, expect, test } from 'vitest';
import { backupLayout, backupSchedule } from '../../config/derive/data-layouts.js';
import { environmentRegions, peersOf } from '../../config/derive/regions.js';
import type { AwsRegion } from '../../config/reference/aws-regions.js';
import { platformConfig, resourcesOf, stackJson } from '../support/platform.js';

const environment = (name: string) => {
  const env = platformConfig().environments[name];
  if (!env) throw new Error(`no ${name}`);
  return env;
};
const backupStack = (name: string) => `${name}-${environment(name).regions.primary.region}-backup`;
const PROD = backupStack('prod');
const STAGING = backupStack('staging');
const prodRegions = () => environmentRegions(environment('prod'));

function regionOf(stack: string, resource: Record<string, any>): string {
  const alias = typeof resource.provider === 'string' ? resource.provider.replace(/^aws\.?/, '') : '';
  return (stackJson(stack).provider.aws as Record<string, any>[]).find((p) => (p.alias ?? '') === alias)?.region;
}

const vaultByRegion = (stack: string) =>
  Object.fromEntries(
    Object.entries<Record<string, any>>(stackJson(stack).resource.aws_backup_vault ?? {}).map(([name, v]) => [
      regionOf(stack, v),
      { ...v, logical: name } as Record<string, any>,
    ]),
  );

describe('backup stack', () => {
  test('a KMS-encrypted, destroy-protected vault per region', () => {
    const vaults = vaultByRegion(PROD);
    expect(Object.keys(vaults).sort()).toEqual([...prodRegions()].sort());
    const names = Object.fromEntries(backupLayout(platformConfig(), 'prod').vaults.map((v) => [v.region, v.vaultName]));
    for (const [region, vault] of Object.entries(vaults)) {
      expect(vault).toMatchObject({ name: names[region], force_destroy: false, lifecycle: { prevent_destroy: true } });
      const key = /aws_kms_key\.([\w-]+)\.arn/.exec(vault.kms_key_arn)?.[1] ?? '';
      expect(regionOf(PROD, stackJson(PROD).resource.aws_kms_key[key] ?? {})).toBe(region);
    }
  });

  test('Vault Lock in prod, sized to the retention of the plans; none in staging', () => {
    const days = platformConfig().retention['database-snapshots'].retentionDays;
    const locks = resourcesOf(PROD, 'aws_backup_vault_lock_configuration');
    expect(locks).toHaveLength(prodRegions().length);
    const changeable = platformConfig().data.prod?.backup.vaultLock?.changeableForDays;
    for (const lock of locks)
      expect(lock).toMatchObject({ changeable_for_days: changeable, min_retention_days: days, max_retention_days: days });
    expect(resourcesOf(STAGING, 'aws_backup_vault_lock_configuration')).toEqual([]);
  });

  test('prod databases back up continuously (point-in-time restore), staging takes daily snapshots; jobs start at the configured hour, clear of the RDS windows', () => {
    const days = platformConfig().retention['database-snapshots'].retentionDays;
    const schedule = (name: string) => {
      const backup = platformConfig().data[name]?.backup;
      if (!backup) throw new Error(`no ${name} backup`);
      return backupSchedule('daily', backup);
    };
    expect(schedule('prod')).toBe('cron(0 8 * * ? *)');
    for (const plan of resourcesOf(PROD, 'aws_backup_plan')) {
      expect(plan.rule[0]).toMatchObject({
        enable_continuous_backup: true,
        schedule: schedule('prod'),
        start_window: 60,
        lifecycle: { delete_after: days },
      });
    }
    for (const plan of resourcesOf(STAGING, 'aws_backup_plan'))
      expect(plan.rule[0]).toMatchObject({ enable_continuous_backup: false, schedule: schedule('staging') });
  });

  test('the continuous rule keeps what the database keeps, so AWS Backup and Terraform agree on its backup retention', () => {
    const [database] = resourcesOf(PROD.replace(/-backup$/, '-database'), 'aws_db_instance').filter((d) => !d.replicate_source_db);
    for (const plan of resourcesOf(PROD, 'aws_backup_plan'))
      expect(plan.rule[0].lifecycle.delete_after).toBe(database?.backup_retention_period);
  });

  test("every recovery point is copied into every other region's vault", () => {
    const vaults = vaultByRegion(PROD);
    const plans = resourcesOf(PROD, 'aws_backup_plan');
    expect(plans.map((p) => regionOf(PROD, p)).sort()).toEqual([...prodRegions()].sort());
    for (const plan of plans) {
      const region = regionOf(PROD, plan);
      expect(plan.rule[0].target_vault_name).toContain(`aws_backup_vault.${vaults[region]?.logical}.`);
      expect(plan.rule[0].copy_action).toEqual(
        peersOf(environment('prod'), region as AwsRegion).map((other) => ({
          destination_vault_arn: `\${aws_backup_vault.${vaults[other]?.logical}.arn}`,
          lifecycle: { delete_after: platformConfig().retention['database-snapshots'].retentionDays },
        })),
      );
    }
  });

  test('plans select resources by the backup tag the database carries', () => {
    const [database] = resourcesOf('prod-us-east-1-database', 'aws_db_instance').filter((d) => !d.replicate_source_db);
    for (const selection of resourcesOf(PROD, 'aws_backup_selection')) {
      expect(selection.selection_tag).toEqual([{ type: 'STRINGEQUALS', key: 'BackupPlan', value: 'databases' }]);
      expect(selection.iam_role_arn).toMatch(/aws_iam_role\.service-role/);
    }
    expect(database?.tags).toMatchObject({ BackupPlan: 'databases' });
  });

  test('failed backup, copy and restore jobs notify an encrypted topic in each region', () => {
    const rules = resourcesOf(PROD, 'aws_cloudwatch_event_rule');
    expect(rules.map((r) => regionOf(PROD, r)).sort()).toEqual([...prodRegions()].sort());
    for (const rule of rules) {
      expect(JSON.parse(rule.event_pattern)).toEqual({
        source: ['aws.backup'],
        'detail-type': ['Backup Job State Change', 'Copy Job State Change', 'Restore Job State Change'],
        detail: { state: ['FAILED', 'ABORTED', 'EXPIRED'] },
      });
    }
    for (const target of resourcesOf(PROD, 'aws_cloudwatch_event_target')) expect(target.arn).toMatch(/aws_sns_topic\./);
    for (const topic of resourcesOf(PROD, 'aws_sns_topic')) expect(topic.kms_master_key_id).toMatch(/aws_kms_key\./);
    const policies = resourcesOf(PROD, 'aws_sns_topic_policy').map((p) => JSON.parse(p.policy));
    expect(policies.every((p) => p.Statement.some((s: any) => s.Principal?.Service?.includes('events.amazonaws.com')))).toBe(true);
  });

  test('a single-region environment has one vault and plans without copies', () => {
    expect(resourcesOf('dev-us-east-1-backup', 'aws_backup_vault')).toHaveLength(1);
    expect(resourcesOf('dev-us-east-1-backup', 'aws_backup_plan').map((p) => p.rule[0].copy_action)).toEqual([undefined]);
  });
});
