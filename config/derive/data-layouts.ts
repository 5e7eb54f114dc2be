import type { AwsRegion } from '../reference/aws-regions.js';
import type { BackupPlanSettings, BackupSettings, DatabaseSettings, EnvironmentData } from '../schema/data.js';
import type { Environment } from '../schema/environment.js';
import type { PlatformConfig } from '../schema/platform.js';
import { clusterFacts } from './facts.js';
import { environmentRegions, replicaRegions } from './regions.js';
import { retentionDays } from './retention.js';
import { BACKUP_TAG_KEY } from './tags.js';
import { clusterTargets } from './targets.js';

/**
 * What the data stacks (database, backup, Velero storage) of one environment
 * are made of, resolved from config by stacks/app.ts: regions, names, settings
 * and retention figures. The stacks take these as props and read no config.
 */

function environmentData(config: PlatformConfig, envName: string): { env: Environment; data: EnvironmentData } {
  const env = config.environments[envName];
  const data = config.data[envName];
  if (!env) throw new Error(`unknown environment '${envName}'; use one of ${Object.keys(config.environments).sort().join(', ')}`);
  if (!data) throw new Error(`no data.${envName} in config; add its database, backup and velero settings`);
  return { env, data };
}

/** `<org>-<env>`: the prefix of the data stacks' identifiers, aliases, topics and roles. */
const namePrefix = (config: PlatformConfig, envName: string) => `${config.organization.name}-${envName}`;

export interface DatabaseLayout {
  /** `<org>-<env>`: prefix of the identifiers, key aliases, topics and the monitoring role. */
  readonly namePrefix: string;
  /** Where the writer runs. */
  readonly primaryRegion: AwsRegion;
  /** Every replica region, in config order: a cross-region read replica (RDS) or a secondary cluster (Aurora) in each. */
  readonly replicaRegions: readonly AwsRegion[];
  readonly settings: DatabaseSettings;
  /** Who the alarm topics page. */
  readonly alertEmails: readonly string[];
  /** Automated backups (retention 'database-snapshots'). */
  readonly backupRetentionDays: number;
  /** Exported PostgreSQL logs (retention 'application-logs'). */
  readonly logRetentionDays: number;
  /** The tag that selects the writer into its AWS Backup plan. */
  readonly backupTags: Readonly<Record<string, string>>;
}

export function databaseLayout(config: PlatformConfig, envName: string): DatabaseLayout {
  const { env, data } = environmentData(config, envName);
  return {
    namePrefix: namePrefix(config, envName),
    primaryRegion: env.regions.primary.region,
    replicaRegions: replicaRegions(env),
    settings: data.database,
    alertEmails: [env.owner.contact],
    backupRetentionDays: retentionDays(config, 'database-snapshots'),
    logRetentionDays: retentionDays(config, 'application-logs'),
    backupTags: { [BACKUP_TAG_KEY]: data.database.backupPlan },
  };
}

/** AWS Backup schedule (UTC) of a plan frequency; a continuous plan takes the snapshot it copies once a day. */
export function backupSchedule(frequency: BackupPlanSettings['frequency'], settings: BackupSettings): string {
  return frequency === 'hourly' ? 'cron(0 * * * ? *)' : `cron(0 ${settings.dailyStartHourUtc} * * ? *)`;
}

export interface BackupLayout {
  /** `<org>-<env>`: prefix of the vault, plan and role names. */
  readonly namePrefix: string;
  /** Every region of the environment, primary first, with the name of its vault. */
  readonly vaults: readonly { readonly region: AwsRegion; readonly vaultName: string }[];
  /** Who hears of failed backup, copy and restore jobs. */
  readonly alertEmails: readonly string[];
  /** Vault Lock sized to the plans' retention. @default none: recovery points stay deletable */
  readonly vaultLock?: { readonly minRetentionDays: number; readonly maxRetentionDays: number; readonly changeableForDays: number };
  /** The configured plans, each run in every region. */
  readonly plans: readonly {
    readonly name: string;
    readonly schedule: string;
    readonly retentionDays: number;
    /** Point-in-time restore; the schedule then only times the snapshot that is copied. */
    readonly continuous: boolean;
  }[];
}

export function backupLayout(config: PlatformConfig, envName: string): BackupLayout {
  const { env, data } = environmentData(config, envName);
  const settings = data.backup;
  const retention = settings.plans.map((p) => retentionDays(config, p.dataClass));
  const prefix = namePrefix(config, envName);
  return {
    namePrefix: prefix,
    vaults: environmentRegions(env).map((region) => ({ region, vaultName: `${prefix}-${region}` })),
    alertEmails: [env.owner.contact],
    vaultLock: settings.vaultLock && {
      minRetentionDays: Math.min(...retention),
      maxRetentionDays: Math.max(...retention),
      changeableForDays: settings.vaultLock.changeableForDays,
    },
    plans: settings.plans.map((plan) => ({
      name: plan.name,
      schedule: backupSchedule(plan.frequency, settings),
      retentionDays: retentionDays(config, plan.dataClass),
      continuous: plan.frequency === 'continuous',
    })),
  };
}

export interface VeleroStorageLayout {
  /** One bucket per cluster region, primary first, with the cluster whose backups it holds (clusterFacts). */
  readonly buckets: readonly { readonly region: AwsRegion; readonly bucketName: string; readonly clusterName: string }[];
  /** Days backups are kept (retention 'backups'): Object Lock and lifecycle. */
  readonly retentionDays: number;
  /** Days a deleted backup's versions survive. */
  readonly deletedBackupGraceDays: number;
  /** S3 Replication Time Control on every replication rule. */
  readonly replicationTimeControl: boolean;
}

export function veleroStorageLayout(config: PlatformConfig, envName: string): VeleroStorageLayout {
  const { data } = environmentData(config, envName);
  return {
    buckets: clusterTargets(config)
      .filter((t) => t.envName === envName)
      .map((t) => {
        const facts = clusterFacts(config, t);
        return { region: t.region, bucketName: facts.veleroBucket, clusterName: facts.clusterName };
      }),
    retentionDays: retentionDays(config, 'backups'),
    deletedBackupGraceDays: data.velero.deletedBackupGraceDays,
    replicationTimeControl: data.velero.replicationTimeControl,
  };
}
