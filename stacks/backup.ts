import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { TerraformOutput } from 'cdktf';
import type { Construct } from 'constructs';
import type { BackupLayout } from '../config/derive/data-layouts.js';
import type { StackEnvironment } from '../config/derive/stack-environment.js';
import { BACKUP_TAG_KEY } from '../config/derive/tags.js';
import type { AwsRegion } from '../config/reference/aws-regions.js';
import { CopiedBackupPlan } from '../constructs/aws/backup-plan.js';
import { ProtectedBackupVault } from '../constructs/aws/backup-vault.js';
import { policyDocument } from '../constructs/aws/iam-policy.js';
import { PlatformStack } from './platform-stack.js';

const SERVICE_POLICIES = ['AWSBackupServiceRolePolicyForBackup', 'AWSBackupServiceRolePolicyForRestores'];

/** Vaults, plans and Vault Lock come from config/derive/data-layouts.ts `backupLayout`. */
export interface BackupStackProps extends BackupLayout {
  readonly environment: StackEnvironment;
}

/**
 * `<env>-<primary-region>-backup`: a vault per region (KMS, Vault Lock where
 * configured) and, in each region, the configured plans copying every recovery
 * point into every other region's vault (one copy action each). The replica
 * regions' plans select nothing until a failover tags the promoted database,
 * then copy back (fail-back) and onward to the other replicas.
 */
export class BackupStack extends PlatformStack {
  readonly vaults = new Map<AwsRegion, ProtectedBackupVault>();

  constructor(scope: Construct, id: string, props: BackupStackProps) {
    const [home] = props.vaults;
    if (!home) throw new Error(`backup stack ${id}: no region; give it the environment's vaults`);
    super(scope, { environment: props.environment, region: home.region, kind: 'backup', tags: { Service: 'backup' } }, id);

    const role = new IamRole(this, 'service-role', {
      name: `${props.namePrefix}-backup`,
      assumeRolePolicy: policyDocument([{ Effect: 'Allow', Principal: { Service: 'backup.amazonaws.com' }, Action: 'sts:AssumeRole' }]),
    });
    SERVICE_POLICIES.forEach(
      (policy) =>
        new IamRolePolicyAttachment(this, `service-${policy}`, {
          role: role.name,
          policyArn: `arn:aws:iam::aws:policy/service-role/${policy}`,
        }),
    );

    for (const { region, vaultName } of props.vaults) {
      const vault = new ProtectedBackupVault(this, `vault-${region}`, {
        accountId: this.accountId,
        vaultName,
        alertEmails: [...props.alertEmails],
        lock: props.vaultLock,
        provider: this.providerFor(region),
      });
      this.vaults.set(region, vault);
      new TerraformOutput(this, `vault_arn_${region.replace(/-/g, '_')}`, { value: vault.vault.arn });
    }

    for (const [region, vault] of this.vaults) {
      // Every other region's vault, primary first.
      const copies = [...this.vaults].filter(([other]) => other !== region).map(([, peer]) => peer.vault.arn);
      for (const plan of props.plans) {
        new CopiedBackupPlan(this, `plan-${plan.name}-${region}`, {
          planName: `${props.namePrefix}-${plan.name}-${region}`,
          schedule: plan.schedule,
          vaultName: vault.vault.name,
          retentionDays: plan.retentionDays,
          copyToVaultArns: copies,
          continuous: plan.continuous,
          tagKey: BACKUP_TAG_KEY,
          tagValue: plan.name,
          roleArn: role.arn,
          provider: this.providerFor(region),
        });
      }
    }
  }
}
