import { BACKUP_START_WINDOW_MINUTES, copyIntervalMinutes } from '../derive/backup.js';
import { publicApiHostname, failoverHostname } from '../derive/endpoints.js';
import { dailySpans, duringMarketHours, overlaps, weeklySpan, type Span } from '../derive/windows.js';
import type { ConfigProblem } from '../errors.js';
import {
  AURORA_GLOBAL_SECONDARY_REGIONS,
  CONTINUOUS_BACKUP_MAX_DAYS,
  MAINTENANCE_LEAD_MINUTES,
  RDS_CROSS_REGION_READ_REPLICAS,
  RDS_MANUAL_SNAPSHOT_QUOTA,
  RDS_MAX_BACKUP_RETENTION_DAYS,
} from '../reference/aws-limits.js';
import type { BackupPlanSettings, EnvironmentData } from '../schema/data.js';
import type { Environment } from '../schema/environment.js';
import type { PlatformConfig } from '../schema/platform.js';
import type { Invariant } from './invariant.js';

/** Production point-in-time recovery must reach back at least two weeks. */
export const PRODUCTION_MIN_BACKUP_RETENTION_DAYS = 14;

/** Start windows of a plan's jobs over a week: every hour, or once a day at the configured hour. */
function startSpans(frequency: BackupPlanSettings['frequency'], hour: number): Span[] {
  const hours = frequency === 'hourly' ? Array.from({ length: 24 }, (_, h) => h) : [hour];
  return [0, 1, 2, 3, 4, 5, 6].flatMap((d) =>
    hours.map((h) => [d * 24 * 60 + h * 60, d * 24 * 60 + h * 60 + BACKUP_START_WINDOW_MINUTES] as const),
  );
}

/** Spans in which an AWS Backup job of the database cannot start or competes with RDS's own backup. */
function databaseBusySpans(database: EnvironmentData['database']): { span: Span; what: string }[] {
  const [start, end] = weeklySpan(database.maintenanceWindow);
  return [
    ...dailySpans(database.backupWindow).map((span) => ({ span, what: `its automated backup window ${database.backupWindow}` })),
    {
      span: [start - MAINTENANCE_LEAD_MINUTES, end] as const,
      what: `the hour before or during its maintenance window ${database.maintenanceWindow}, when AWS Backup starts no database backup`,
    },
  ];
}

/** RDS snapshots a plan leaves in one region: its own plus the copies from the other region. */
function snapshotsPerRegion(frequency: BackupPlanSettings['frequency'], days: number, copies: boolean): number {
  const own = frequency === 'continuous' ? 0 : (24 * 60) / (frequency === 'hourly' ? 60 : 24 * 60);
  const copied = copies ? (24 * 60) / copyIntervalMinutes(frequency) : 0;
  return (own + copied) * days;
}

const dataEntries = (c: PlatformConfig) =>
  Object.entries(c.data)
    .filter(([name]) => name in c.environments)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, data]) => ({ name, data, env: c.environments[name] as Environment }));

type Entry = { name: string; data: EnvironmentData; env: Environment };
const each = (check: (e: Entry, c: PlatformConfig) => ConfigProblem[]) => (c: PlatformConfig) => dataEntries(c).flatMap((e) => check(e, c));

export const DATA_INVARIANTS: Invariant[] = [
  {
    id: 'data-covers-environments',
    check: (c) => [
      ...Object.keys(c.environments)
        .filter((name) => !(name in c.data))
        .sort()
        .map((name) => ({
          path: ['data', name],
          message: `environment '${name}' has no data section; add data.${name} { database, backup, velero } so its state is protected`,
        })),
      ...Object.keys(c.data)
        .filter((name) => !(name in c.environments))
        .sort()
        .map((name) => ({
          path: ['data', name],
          message: `data for unknown environment '${name}'; use one of ${Object.keys(c.environments).join(', ')}`,
        })),
    ],
  },
  {
    id: 'database-backup-plan-known',
    check: each(({ name, data }) =>
      data.backup.plans.some((p) => p.name === data.database.backupPlan)
        ? []
        : [
            {
              path: ['data', name, 'database', 'backupPlan'],
              message: `unknown backup plan '${data.database.backupPlan}'; use one of ${data.backup.plans.map((p) => p.name).join(', ')}`,
            },
          ],
    ),
  },
  {
    id: 'database-backup-retention',
    check: each(({ env }, c) => {
      const days = c.retention['database-snapshots'].retentionDays;
      const path = ['retention', 'database-snapshots', 'retentionDays'];
      if (days > RDS_MAX_BACKUP_RETENTION_DAYS) {
        return [
          {
            path,
            message: `${days} days exceeds what RDS keeps (${RDS_MAX_BACKUP_RETENTION_DAYS}); lower it and keep longer copies with an AWS Backup plan of class 'backups'`,
          },
        ];
      }
      if (env.tier === 'production' && days < PRODUCTION_MIN_BACKUP_RETENTION_DAYS) {
        return [
          {
            path,
            message: `${days} days is too short for production point-in-time recovery; raise it to at least ${PRODUCTION_MIN_BACKUP_RETENTION_DAYS}`,
          },
        ];
      }
      return [];
    }),
  },
  {
    id: 'database-windows-outside-market-hours',
    check: each(({ name, data }) => {
      const { maintenanceWindow, backupWindow } = data.database;
      const path = ['data', name, 'database'];
      const maintenance = weeklySpan(maintenanceWindow);
      const problems: ConfigProblem[] = [];
      if (duringMarketHours(maintenance)) {
        problems.push({
          path: [...path, 'maintenanceWindow'],
          message: `${maintenanceWindow} overlaps US market hours (Mon-Fri 13:30-21:00 UTC); move it to a weekend or night, e.g. sun:06:00-sun:07:00`,
        });
      }
      if (dailySpans(backupWindow).some(duringMarketHours)) {
        problems.push({
          path: [...path, 'backupWindow'],
          message: `${backupWindow} overlaps US market hours (13:30-21:00 UTC); pick hours such as 04:00-05:00`,
        });
      }
      if (dailySpans(backupWindow).some((span) => overlaps(span, maintenance))) {
        problems.push({
          path: [...path, 'backupWindow'],
          message: `${backupWindow} overlaps the maintenance window ${maintenanceWindow}; RDS rejects that, move one of them`,
        });
      }
      return problems;
    }),
  },
  {
    id: 'database-storage-ceiling',
    check: each(({ name, data }) =>
      data.database.maxAllocatedStorageGiB >= data.database.allocatedStorageGiB
        ? []
        : [
            {
              path: ['data', name, 'database', 'maxAllocatedStorageGiB'],
              message: `${data.database.maxAllocatedStorageGiB} GiB is below allocatedStorageGiB (${data.database.allocatedStorageGiB}); raise the ceiling`,
            },
          ],
    ),
  },
  {
    id: 'aurora-global-needs-replica',
    check: each(({ name, data, env }) =>
      data.database.engine === 'aurora-postgres-global' && env.regions.replicas.length === 0
        ? [
            {
              path: ['data', name, 'database', 'engine'],
              message: `an Aurora Global Database spans two regions or more; add a region to environments.${name}.regions.replicas or use engine 'rds-postgres'`,
            },
          ]
        : [],
    ),
  },
  {
    // Every replica region gets a cross-region read replica of the writer.
    id: 'rds-replicas-within-limit',
    check: each(({ name, data, env }) => {
      const count = env.regions.replicas.length;
      return data.database.engine === 'rds-postgres' && count > RDS_CROSS_REGION_READ_REPLICAS
        ? [
            {
              path: ['environments', name, 'regions', 'replicas'],
              message: `${count} replica regions would give the RDS writer ${count} cross-region read replicas, over the limit of ${RDS_CROSS_REGION_READ_REPLICAS}; keep at most ${RDS_CROSS_REGION_READ_REPLICAS} replica regions or set data.${name}.database.engine to 'aurora-postgres-global' (up to ${AURORA_GLOBAL_SECONDARY_REGIONS} secondary regions)`,
            },
          ]
        : [];
    }),
  },
  {
    // Every replica region gets a secondary cluster of the global database.
    id: 'aurora-secondaries-within-limit',
    check: each(({ name, data, env }) => {
      const count = env.regions.replicas.length;
      return data.database.engine === 'aurora-postgres-global' && count > AURORA_GLOBAL_SECONDARY_REGIONS
        ? [
            {
              path: ['environments', name, 'regions', 'replicas'],
              message: `${count} replica regions would give the Aurora global database ${count} secondary clusters, over Aurora's limit of ${AURORA_GLOBAL_SECONDARY_REGIONS}; keep at most ${AURORA_GLOBAL_SECONDARY_REGIONS} replica regions`,
            },
          ]
        : [];
    }),
  },
  {
    id: 'production-vault-locked',
    check: each(({ name, data, env }) =>
      env.tier === 'production' && !data.backup.vaultLock
        ? [
            {
              path: ['data', name, 'backup', 'vaultLock'],
              message: 'production recovery points must be immutable; add vaultLock { changeableForDays: 3 }',
            },
          ]
        : [],
    ),
  },
  {
    id: 'production-has-dns-failover',
    check: each(({ name, data, env }) =>
      env.tier === 'production' && !data.dnsFailover
        ? [
            {
              path: ['data', name, 'dnsFailover'],
              message:
                "a production environment needs DNS failover between its regions; add dnsFailover { recordName: 'api-origin', healthCheck: {} }",
            },
          ]
        : [],
    ),
  },
  {
    id: 'dns-failover-valid',
    check: each(({ name, data, env }, c) => {
      const dns = data.dnsFailover;
      if (!dns) return [];
      const path = ['data', name, 'dnsFailover'];
      if (env.regions.replicas.length === 0)
        return [
          { path, message: `DNS failover needs a second region; add one to environments.${name}.regions.replicas or remove dnsFailover` },
        ];
      if (failoverHostname(c.organization.domain, dns) === publicApiHostname(c)) {
        return [
          {
            path: [...path, 'recordName'],
            message: `'${dns.recordName}' would take ${publicApiHostname(c)}, the CloudFront alias; pick another name such as 'api-origin'`,
          },
        ];
      }
      return [];
    }),
  },
  {
    id: 'database-plan-within-snapshot-quota',
    check: each(({ name, data, env }, c) =>
      data.backup.plans.flatMap((plan, i) => {
        if (plan.name !== data.database.backupPlan) return [];
        const days = c.retention[plan.dataClass].retentionDays;
        const count = snapshotsPerRegion(plan.frequency, days, env.regions.replicas.length > 0);
        return count <= RDS_MANUAL_SNAPSHOT_QUOTA
          ? []
          : [
              {
                path: ['data', name, 'backup', 'plans', i, 'frequency'],
                message: `${plan.frequency} snapshots kept ${days} days leave up to ${count} RDS snapshots per region (with the copies from the other region), over RDS's quota of ${RDS_MANUAL_SNAPSHOT_QUOTA}; use frequency 'continuous': point-in-time restore to any second of those ${days} days, one snapshot a day copied`,
              },
            ];
      }),
    ),
  },
  {
    id: 'database-backups-clear-of-rds-windows',
    check: each(({ name, data }) =>
      data.backup.plans.flatMap((plan, i) => {
        if (plan.name !== data.database.backupPlan) return [];
        const busy = databaseBusySpans(data.database);
        const clash = (hour: number) => busy.find((b) => startSpans(plan.frequency, hour).some((s) => overlaps(s, b.span)));
        const hit = clash(data.backup.dailyStartHourUtc);
        if (!hit) return [];
        if (plan.frequency === 'hourly') {
          return [
            {
              path: ['data', name, 'backup', 'plans', i, 'frequency'],
              message: `hourly jobs start in ${hit.what}; use frequency 'continuous' (point-in-time restore, one snapshot a day at dailyStartHourUtc)`,
            },
          ];
        }
        const free = Array.from({ length: 24 }, (_, h) => h).find((h) => !clash(h) && !startSpans('daily', h).some(duringMarketHours));
        return [
          {
            path: ['data', name, 'backup', 'dailyStartHourUtc'],
            message: `${data.backup.dailyStartHourUtc}:00 UTC starts backups of the database in ${hit.what}; ${free === undefined ? 'move the database windows apart' : `start at ${free} instead`}`,
          },
        ];
      }),
    ),
  },
  {
    id: 'continuous-backup-limits',
    check: each(({ name, data }, c) =>
      data.backup.plans.flatMap((plan, i) => {
        if (plan.frequency !== 'continuous') return [];
        const days = c.retention[plan.dataClass].retentionDays;
        const database = c.retention['database-snapshots'].retentionDays;
        const problems: ConfigProblem[] = [];
        if (days > CONTINUOUS_BACKUP_MAX_DAYS) {
          problems.push({
            path: ['retention', plan.dataClass, 'retentionDays'],
            message: `${days} days exceeds what continuous backups keep (${CONTINUOUS_BACKUP_MAX_DAYS}); lower it, or keep longer copies with a daily plan of another data class`,
          });
        }
        // AWS Backup sets the database's automated-backup retention to the rule's; Terraform sets 'database-snapshots'.
        if (plan.name === data.database.backupPlan && days !== database) {
          problems.push({
            path: ['data', name, 'backup', 'plans', i, 'dataClass'],
            message: `a continuous plan sets the database's backup retention to its own ${days} days while the instance keeps 'database-snapshots' (${database} days), and every plan would set it back; use dataClass 'database-snapshots'`,
          });
        }
        return problems;
      }),
    ),
  },
  {
    id: 'velero-grace-within-retention-limit',
    check: each(({ name, data }, c) => {
      const policy = c.retention.backups;
      const limits = policy.requirements.flatMap((r) => (r.maxDays === undefined ? [] : [{ days: r.maxDays, regulation: r.regulation }]));
      const total = policy.retentionDays + data.velero.deletedBackupGraceDays;
      return limits
        .filter((l) => total > l.days)
        .map((l) => ({
          path: ['data', name, 'velero', 'deletedBackupGraceDays'],
          message: `backups live ${policy.retentionDays} + ${data.velero.deletedBackupGraceDays} grace days, longer than ${l.regulation} allows (${l.days}); lower the grace days`,
        }));
    }),
  },
];
