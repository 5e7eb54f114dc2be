import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { TerraformOutput } from 'cdktf';
import type { Construct } from 'constructs';
import { environmentRegions, solePeer } from '../config/derive/regions.js';
import { retentionDays } from '../config/derive/retention.js';
import { BACKUP_TAG_KEY } from '../config/derive/tags.js';
import type { AwsRegion } from '../config/reference/aws-regions.js';
import type { BackupPlanSettings, BackupSettings } from '../config/schema/data.js';
import type { PlatformConfig } from '../config/schema/platform.js';
import { CopiedBackupPlan } from '../constructs/aws/backup-plan.js';
import { ProtectedBackupVault } from '../constructs/aws/backup-vault.js';
import { policyDocument } from '../constructs/aws/iam-policy.js';
import { PlatformStack } from './platform-stack.js';

const SERVICE_POLICIES = ['AWSBackupServiceRolePolicyForBackup', 'AWSBackupServiceRolePolicyForRestores'];

/** AWS Backup schedule (UTC) of a plan frequency; a continuous plan takes the snapshot it copies once a day. */
export function backupSchedule(frequency: BackupPlanSettings['frequency'], settings: BackupSettings): string {
  return frequency === 'hourly' ? 'cron(0 * * * ? *)' : `cron(0 ${settings.dailyStartHourUtc} * * ? *)`;
}

/** Vault name of an environment in a region (the runbook and the data-loss check read it too). */
export function vaultName(config: PlatformConfig, envName: string, region: string): string {
  return `${config.organization.name}-${envName}-${region}`;
}

/**
 * `<env>-<primary-region>-backup`: a vault per region (KMS, Vault Lock where
 * configured) and, in each region, the configured plans copying every recovery
 * point into the other region's vault. The replica region's plans select
 * nothing until a failover tags the promoted database, then copy back (fail-back).
 */
export class BackupStack extends PlatformStack {
  readonly vaults = new Map<AwsRegion, ProtectedBackupVault>();

  constructor(scope: Construct, config: PlatformConfig, envName: string) {
    const env = config.environments[envName];
    if (!env) throw new Error(`backup stack: unknown environment '${envName}'`);
    super(scope, { config, envName, region: env.regions.primary.region, kind: 'backup', tags: { Service: 'backup' } });
    const settings = config.data[envName]?.backup;
    if (!settings) throw new Error(`stack ${this.node.id}: no data.${envName}.backup in config; add its backup plans`);
    const regions = environmentRegions(env);
    const retention = settings.plans.map((p) => retentionDays(config, p.dataClass));

    const role = new IamRole(this, 'service-role', {
      name: `${config.organization.name}-${envName}-backup`,
      assumeRolePolicy: policyDocument([{ Effect: 'Allow', Principal: { Service: 'backup.amazonaws.com' }, Action: 'sts:AssumeRole' }]),
    });
    SERVICE_POLICIES.forEach((policy) => new IamRolePolicyAttachment(this, `service-${policy}`, {
      role: role.name,
      policyArn: `arn:aws:iam::aws:policy/service-role/${policy}`,
    }));

    for (const region of regions) {
      const vault = new ProtectedBackupVault(this, `vault-${region}`, {
        accountId: this.accountId,
        vaultName: vaultName(config, envName, region),
        alertEmails: [env.owner.contact],
        lock: settings.vaultLock && {
          minRetentionDays: Math.min(...retention),
          maxRetentionDays: Math.max(...retention),
          changeableForDays: settings.vaultLock.changeableForDays,
        },
        provider: this.providerFor(region),
      });
      this.vaults.set(region, vault);
      new TerraformOutput(this, `vault_arn_${region.replace(/-/g, '_')}`, { value: vault.vault.arn });
    }

    for (const region of regions) {
      const peer = solePeer({ envName, env, region }, 'AWS Backup copies');
      const peerVault = peer ? this.vaults.get(peer) : undefined;
      const vault = this.vaults.get(region);
      if (!vault) continue;
      for (const plan of settings.plans) {
        new CopiedBackupPlan(this, `plan-${plan.name}-${region}`, {
          planName: `${config.organization.name}-${envName}-${plan.name}-${region}`,
          schedule: backupSchedule(plan.frequency, settings),
          vaultName: vault.vault.name,
          retentionDays: retentionDays(config, plan.dataClass),
          copyToVaultArn: peerVault?.vault.arn,
          continuous: plan.frequency === 'continuous',
          tagKey: BACKUP_TAG_KEY,
          tagValue: plan.name,
          roleArn: role.arn,
          provider: this.providerFor(region),
        });
      }
    }
  }
}
