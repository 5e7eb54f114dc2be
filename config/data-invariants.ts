import { publicApiHostname } from './endpoints.js';
import type { ConfigProblem } from './errors.js';
import type { Invariant } from './invariants.js';
import { failoverHostname, type EnvironmentData } from './schema/data.js';
import type { Environment } from './schema/environment.js';
import type { PlatformConfig } from './schema/platform.js';

/** RDS keeps automated backups for at most 35 days (BackupRetentionPeriod). */
export const RDS_MAX_BACKUP_RETENTION_DAYS = 35;
/** Production point-in-time recovery must reach back at least two weeks. */
export const PRODUCTION_MIN_BACKUP_RETENTION_DAYS = 14;

const DAY_INDEX: Record<string, number> = { mon: 0, tue: 1, wed: 2, thu: 3, fri: 4, sat: 5, sun: 6 };
const WEEK = 7 * 24 * 60;
/** NYSE/Nasdaq regular session, 09:30-16:00 New York, is 13:30-21:00 UTC across both DST offsets. */
const MARKET_OPEN_UTC = 13 * 60 + 30;
const MARKET_CLOSE_UTC = 21 * 60;

type Span = readonly [number, number]; // minutes of the week, end exclusive, may wrap past WEEK

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** `sun:06:00-sun:07:00` as a span of minutes of the week (Monday 00:00 = 0). */
export function weeklySpan(window: string): Span {
  const [from = '', to = ''] = window.split('-');
  const at = (part: string) => (DAY_INDEX[part.slice(0, 3)] ?? 0) * 24 * 60 + minutes(part.slice(4));
  const start = at(from);
  const end = at(to);
  return [start, end > start ? end : end + WEEK];
}

/** A daily `hh:mm-hh:mm` window repeated on each day of the week. */
function dailySpans(window: string): Span[] {
  const [from = '', to = ''] = window.split('-');
  const start = minutes(from);
  const end = minutes(to) > start ? minutes(to) : minutes(to) + 24 * 60;
  return [0, 1, 2, 3, 4, 5, 6].map((d) => [d * 24 * 60 + start, d * 24 * 60 + end] as const);
}

const MARKET_SESSIONS: Span[] = [0, 1, 2, 3, 4].map((d) => [d * 24 * 60 + MARKET_OPEN_UTC, d * 24 * 60 + MARKET_CLOSE_UTC] as const);

function overlaps(a: Span, b: Span): boolean {
  // Compare with b shifted a week either way, so spans wrapping past Sunday midnight count.
  return [-WEEK, 0, WEEK].some((shift) => a[0] < b[1] + shift && b[0] + shift < a[1]);
}

export function duringMarketHours(span: Span): boolean {
  return MARKET_SESSIONS.some((session) => overlaps(span, session));
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
      ...Object.keys(c.environments).filter((name) => !(name in c.data)).sort().map((name) => ({
        path: ['data', name],
        message: `environment '${name}' has no data section; add data.${name} { database, backup, velero } so its state is protected`,
      })),
      ...Object.keys(c.data).filter((name) => !(name in c.environments)).sort().map((name) => ({
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
        : [{ path: ['data', name, 'database', 'backupPlan'], message: `unknown backup plan '${data.database.backupPlan}'; use one of ${data.backup.plans.map((p) => p.name).join(', ')}` }],
    ),
  },
  {
    id: 'database-backup-retention',
    check: each(({ env }, c) => {
      const days = c.retention['database-snapshots'].retentionDays;
      const path = ['retention', 'database-snapshots', 'retentionDays'];
      if (days > RDS_MAX_BACKUP_RETENTION_DAYS) {
        return [{ path, message: `${days} days exceeds what RDS keeps (${RDS_MAX_BACKUP_RETENTION_DAYS}); lower it and keep longer copies with an AWS Backup plan of class 'backups'` }];
      }
      if (env.tier === 'production' && days < PRODUCTION_MIN_BACKUP_RETENTION_DAYS) {
        return [{ path, message: `${days} days is too short for production point-in-time recovery; raise it to at least ${PRODUCTION_MIN_BACKUP_RETENTION_DAYS}` }];
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
        problems.push({ path: [...path, 'maintenanceWindow'], message: `${maintenanceWindow} overlaps US market hours (Mon-Fri 13:30-21:00 UTC); move it to a weekend or night, e.g. sun:06:00-sun:07:00` });
      }
      if (dailySpans(backupWindow).some(duringMarketHours)) {
        problems.push({ path: [...path, 'backupWindow'], message: `${backupWindow} overlaps US market hours (13:30-21:00 UTC); pick hours such as 04:00-05:00` });
      }
      if (dailySpans(backupWindow).some((span) => overlaps(span, maintenance))) {
        problems.push({ path: [...path, 'backupWindow'], message: `${backupWindow} overlaps the maintenance window ${maintenanceWindow}; RDS rejects that, move one of them` });
      }
      return problems;
    }),
  },
  {
    id: 'database-storage-ceiling',
    check: each(({ name, data }) =>
      data.database.maxAllocatedStorageGiB >= data.database.allocatedStorageGiB
        ? []
        : [{ path: ['data', name, 'database', 'maxAllocatedStorageGiB'], message: `${data.database.maxAllocatedStorageGiB} GiB is below allocatedStorageGiB (${data.database.allocatedStorageGiB}); raise the ceiling` }],
    ),
  },
  {
    id: 'aurora-global-needs-secondary',
    check: each(({ name, data, env }) =>
      data.database.engine === 'aurora-postgres-global' && !env.regions.secondary
        ? [{ path: ['data', name, 'database', 'engine'], message: `an Aurora Global Database spans two regions; add environments.${name}.regions.secondary or use engine 'rds-postgres'` }]
        : [],
    ),
  },
  {
    id: 'production-vault-locked',
    check: each(({ name, data, env }) =>
      env.tier === 'production' && !data.backup.vaultLock
        ? [{ path: ['data', name, 'backup', 'vaultLock'], message: 'production recovery points must be immutable; add vaultLock { changeableForDays: 3 }' }]
        : [],
    ),
  },
  {
    id: 'production-has-dns-failover',
    check: each(({ name, data, env }) =>
      env.tier === 'production' && !data.dnsFailover
        ? [{ path: ['data', name, 'dnsFailover'], message: "a production environment needs DNS failover between its regions; add dnsFailover { recordName: 'api-origin', healthCheck: {} }" }]
        : [],
    ),
  },
  {
    id: 'dns-failover-valid',
    check: each(({ name, data, env }, c) => {
      const dns = data.dnsFailover;
      if (!dns) return [];
      const path = ['data', name, 'dnsFailover'];
      if (!env.regions.secondary) return [{ path, message: `DNS failover needs a second region; add environments.${name}.regions.secondary or remove dnsFailover` }];
      if (failoverHostname(c.organization.domain, dns) === publicApiHostname(c)) {
        return [{ path: [...path, 'recordName'], message: `'${dns.recordName}' would take ${publicApiHostname(c)}, the CloudFront alias; pick another name such as 'api-origin'` }];
      }
      return [];
    }),
  },
  {
    id: 'velero-grace-within-retention-limit',
    check: each(({ name, data }, c) => {
      const policy = c.retention.backups;
      const limits = policy.requirements.flatMap((r) => (r.maxDays === undefined ? [] : [{ days: r.maxDays, regulation: r.regulation }]));
      const total = policy.retentionDays + data.velero.deletedBackupGraceDays;
      return limits.filter((l) => total > l.days).map((l) => ({
        path: ['data', name, 'velero', 'deletedBackupGraceDays'],
        message: `backups live ${policy.retentionDays} + ${data.velero.deletedBackupGraceDays} grace days, longer than ${l.regulation} allows (${l.days}); lower the grace days`,
      }));
    }),
  },
];
