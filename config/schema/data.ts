import { z } from 'zod';
import { envName, k8sName } from './primitives.js';

const DAYS = 'mon|tue|wed|thu|fri|sat|sun';
const HHMM = '([01]\\d|2[0-3]):[0-5]\\d';

const weeklyWindow = z.string().regex(new RegExp(`^(${DAYS}):${HHMM}-(${DAYS}):${HHMM}$`), {
  error: "a weekly window reads ddd:hh:mm-ddd:hh:mm in UTC, e.g. 'sun:06:00-sun:07:00'",
});

const dailyWindow = z
  .string()
  .regex(new RegExp(`^${HHMM}-${HHMM}$`), { error: "a daily window reads hh:mm-hh:mm in UTC, e.g. '04:00-05:00'" });

/** When the replica (or Aurora secondary) lags, or the writer runs hot, the on-call is paged. */
export const DatabaseAlarmsSchema = z.strictObject({
  /** Replica lag that pages; it bounds the database RPO of a failover. */
  replicaLagSeconds: z.number().int().positive(),
  cpuPercent: z.number().int().min(1).max(100),
  freeStorageGiB: z.number().int().positive(),
  connections: z.number().int().positive(),
});

export const DatabaseSchema = z.strictObject({
  /**
   * `rds-postgres`: a PostgreSQL instance and a cross-region read replica in each replica region (at most 5).
   * `aurora-postgres-global`: an Aurora PostgreSQL Global Database, a secondary cluster in each replica region (at most 10; storage-level replication, lower RPO).
   * @default 'rds-postgres'
   */
  engine: z.enum(['rds-postgres', 'aurora-postgres-global']).default('rds-postgres'),
  /**
   * PostgreSQL major (`16`) or `major.minor` (`16.6`); the major picks the parameter-group
   * family. RDS with automatic minor upgrades takes the major only, an Aurora global
   * database its exact version (config/invariants/version.ts).
   */
  engineVersion: z.string().regex(/^\d{2}(\.\d{1,2})?$/, { error: "engineVersion reads major or major.minor, e.g. '16' or '16.6'" }),
  /**
   * RDS applies new minor versions in the maintenance window. Aurora global databases
   * ignore it: AWS applies no automatic minor upgrades to their members.
   * @default true
   */
  autoMinorVersionUpgrade: z.boolean().default(true),
  instanceClass: z.string().regex(/^db\.[a-z0-9]+\.[a-z0-9]+$/, { error: "instanceClass reads db.<family>.<size>, e.g. 'db.r7g.large'" }),
  /** RDS: a standby in another AZ. Aurora: one reader per region beside the writer. */
  multiAz: z.boolean(),
  /** Initial storage (RDS only; Aurora storage grows by itself). */
  allocatedStorageGiB: z.number().int().min(20).max(65536),
  /** Storage autoscaling ceiling (RDS only). */
  maxAllocatedStorageGiB: z.number().int().min(20).max(65536),
  databaseName: z
    .string()
    .regex(/^[a-z][a-z0-9_]{0,62}$/, { error: 'databaseName is lower-case letters, digits and _, starting with a letter' }),
  masterUsername: z.string().regex(/^[a-z][a-z0-9_]{0,15}$/, { error: 'masterUsername is 1-16 lower-case letters, digits and _' }),
  /** Weekly window for minor upgrades; keep it outside US market hours (checked). */
  maintenanceWindow: weeklyWindow,
  /** Daily window of automated backups; must not overlap the maintenance window's hours. */
  backupWindow: dailyWindow,
  /** Statements slower than this are logged (`log_min_duration_statement`). @default 500 */
  slowStatementMs: z.number().int().positive().default(500),
  /** Enhanced monitoring granularity. @default 60 */
  monitoringIntervalSeconds: z.union([z.literal(1), z.literal(5), z.literal(10), z.literal(15), z.literal(30), z.literal(60)]).default(60),
  /** Plan (from backup.plans) whose tag the database carries. */
  backupPlan: k8sName,
  alarms: DatabaseAlarmsSchema,
  /** Minutes to promote the secondary and repoint services, as measured in the last DR drill (the database RTO). */
  promotionMinutes: z.number().int().positive(),
});

export const BackupPlanSchema = z.strictObject({
  /** Plan name; resources tagged `BackupPlan = <name>` are selected. */
  name: k8sName,
  /**
   * `continuous`: AWS Backup continuous backup, point-in-time restore to the second
   * within the retention (35 days at most), one snapshot a day copied to the other
   * region. `hourly`/`daily`: snapshots, each copied. RDS counts AWS Backup snapshots
   * against its manual-snapshot quota (config/invariants/data.ts).
   */
  frequency: z.enum(['continuous', 'hourly', 'daily']),
  /** Retention class of the recovery points (config.retention). */
  dataClass: z.enum(['backups', 'database-snapshots']),
});

export const BackupSchema = z.strictObject({
  plans: z.array(BackupPlanSchema).min(1, { error: 'add at least one backup plan' }),
  /**
   * UTC hour daily plans start at, and continuous plans take the snapshot they copy:
   * outside market hours, the database's backup window and the hour before its
   * maintenance window (checked). @default 8
   */
  dailyStartHourUtc: z.number().int().min(0).max(23).default(8),
  /**
   * Vault Lock: once `changeableForDays` have passed the lock is immutable (compliance
   * mode) and no one, root included, can delete recovery points early. Absent: no lock.
   */
  vaultLock: z.strictObject({ changeableForDays: z.number().int().min(3) }).optional(),
  /** Minutes to restore a recovery point, as measured in the last restore test (the backup RTO). */
  restoreMinutes: z.number().int().positive(),
});

export const VeleroStorageSchema = z.strictObject({
  /** Days the versions of a deleted Velero backup stay recoverable. @default 7 */
  deletedBackupGraceDays: z.number().int().positive().default(7),
  /** S3 Replication Time Control: 99.99 % of objects replicated within 15 minutes. @default true */
  replicationTimeControl: z.boolean().default(true),
  /** Minutes to restore the cluster's namespaces, as measured in the last DR drill. */
  restoreMinutes: z.number().int().positive(),
});

/**
 * Route53 failover between the regional API hostnames (config/derive/endpoints.ts), in the
 * public zone of `organization.domain` (looked up at plan time).
 */
export const DnsFailoverSchema = z.strictObject({
  /** The failover name is `<recordName>.<domain>`; it must not be the CloudFront alias. */
  recordName: z.string().regex(/^[a-z0-9-]+$/, { error: 'recordName is one DNS label, e.g. api' }),
  healthCheck: z.strictObject({
    /** Path the ingress answers 200 on when the region can serve. @default '/healthz' */
    path: z
      .string()
      .regex(/^\/\S*$/, { error: "path starts with '/'" })
      .default('/healthz'),
    /** @default 443 */
    port: z.number().int().min(1).max(65535).default(443),
    /** Consecutive failures before Route53 fails over. @default 3 */
    failureThreshold: z.number().int().min(1).max(10).default(3),
    /** Seconds between checks (Route53 offers 10 or 30). @default 10 */
    requestIntervalSeconds: z.union([z.literal(10), z.literal(30)]).default(10),
  }),
  /** TTL of the failover records; clients see a switch within it. @default 60 */
  ttlSeconds: z.number().int().min(5).max(3600).default(60),
});

export const EnvironmentDataSchema = z.strictObject({
  database: DatabaseSchema,
  backup: BackupSchema,
  velero: VeleroStorageSchema,
  /** Route53 failover of the public API between the two regions. Absent: no failover records. */
  dnsFailover: DnsFailoverSchema.optional(),
});

/** Data durability and disaster recovery, keyed by environment name. */
export const DataSchema = z.record(envName, EnvironmentDataSchema);

export type DatabaseSettings = z.infer<typeof DatabaseSchema>;
export type DatabaseAlarms = z.infer<typeof DatabaseAlarmsSchema>;
export type BackupSettings = z.infer<typeof BackupSchema>;
export type BackupPlanSettings = z.infer<typeof BackupPlanSchema>;
export type VeleroStorageSettings = z.infer<typeof VeleroStorageSchema>;
export type DnsFailoverSettings = z.infer<typeof DnsFailoverSchema>;
export type EnvironmentData = z.infer<typeof EnvironmentDataSchema>;
