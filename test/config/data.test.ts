import { describe, expect, test } from 'vitest';
import { duringMarketHours, weeklySpan } from '../../config/derive/windows.js';
import type { PlatformConfigInput } from '../../config/schema/platform.js';
import { configWith, platformConfig } from '../support/platform.js';

type Input = PlatformConfigInput;
const prodData = (c: Input) => {
  const data = c.data.prod;
  if (!data) throw new Error('no prod data in the TradeSense input');
  return data;
};

describe('data config', () => {
  test('TradeSense: every environment has a database, backups and Velero storage; prod has DNS failover and a locked vault', () => {
    const { data } = platformConfig();
    expect(Object.keys(data).sort()).toEqual(['dev', 'prod', 'staging']);
    expect(data.prod?.database).toMatchObject({ engine: 'rds-postgres', multiAz: true, maintenanceWindow: 'sun:06:00-sun:07:00' });
    expect(data.prod?.backup.plans).toEqual([{ name: 'databases', frequency: 'continuous', dataClass: 'database-snapshots' }]);
    expect(data.staging?.backup.plans[0]?.frequency).toBe('daily');
    expect(data.prod?.backup.vaultLock).toEqual({ changeableForDays: 3 });
    expect(data.prod?.dnsFailover).toMatchObject({
      recordName: 'api-origin',
      healthCheck: { path: '/healthz', port: 443, failureThreshold: 3, requestIntervalSeconds: 10 },
    });
    expect(data.dev?.dnsFailover).toBeUndefined();
  });

  test('defaults are applied where the schema declares them', () => {
    const { database, velero, backup } = platformConfig().data.staging ?? {};
    expect(database).toMatchObject({ slowStatementMs: 500, monitoringIntervalSeconds: 60, autoMinorVersionUpgrade: true });
    expect(velero).toMatchObject({ deletedBackupGraceDays: 7, replicationTimeControl: true });
    expect(backup?.dailyStartHourUtc).toBe(8);
  });

  test.each<[string, (c: Input) => void, RegExp]>([
    [
      'replica region equal to the primary',
      (c) => {
        const [first] = c.environments.prod?.regions.replicas ?? [];
        if (first) first.region = 'us-east-1';
      },
      /environments\.prod\.regions\.replicas\[us-east-1\]\.region: this replica region equals the primary \(us-east-1\)/,
    ],
    [
      'retention 0',
      (c) => {
        c.retention['database-snapshots'].retentionDays = 0;
      },
      /retention\.database-snapshots\.retentionDays: retention must be at least 1 day: 0 would expire data as soon as it is written/,
    ],
    [
      'prod without a replica region',
      (c) => {
        const env = c.environments.prod;
        if (env) env.regions.replicas = [];
      },
      /environments\.prod\.regions\.replicas: a production environment needs a replica region/,
    ],
    [
      'prod backup retention under 14 days',
      (c) => {
        c.retention['database-snapshots'].retentionDays = 7;
        c.retention['database-snapshots'].requirements = [{ regulation: 'SOC 2', minDays: 1, reference: 'test' }];
      },
      /retention\.database-snapshots\.retentionDays: 7 days is too short for production point-in-time recovery; raise it to at least 14/,
    ],
    [
      'snapshot retention beyond what RDS keeps',
      (c) => {
        c.retention['database-snapshots'].retentionDays = 60;
      },
      /60 days exceeds what RDS keeps \(35\)/,
    ],
    [
      'maintenance during US market hours',
      (c) => {
        prodData(c).database.maintenanceWindow = 'tue:14:00-tue:15:00';
      },
      /data\.prod\.database\.maintenanceWindow: tue:14:00-tue:15:00 overlaps US market hours/,
    ],
    [
      'backup window overlapping the maintenance window',
      (c) => {
        prodData(c).database.backupWindow = '06:30-07:30';
      },
      /data\.prod\.database\.backupWindow: 06:30-07:30 overlaps the maintenance window/,
    ],
    [
      'malformed maintenance window',
      (c) => {
        prodData(c).database.maintenanceWindow = 'sunday 6am';
      },
      /data\.prod\.database\.maintenanceWindow: a weekly window reads ddd:hh:mm-ddd:hh:mm/,
    ],
    [
      'unknown backup plan',
      (c) => {
        prodData(c).database.backupPlan = 'nightly';
      },
      /data\.prod\.database\.backupPlan: unknown backup plan 'nightly'; use one of databases/,
    ],
    [
      'prod vault without Vault Lock',
      (c) => {
        prodData(c).backup.vaultLock = undefined;
      },
      /data\.prod\.backup\.vaultLock: production recovery points must be immutable/,
    ],
    [
      'prod without DNS failover',
      (c) => {
        prodData(c).dnsFailover = undefined;
      },
      /data\.prod\.dnsFailover: a production environment needs DNS failover/,
    ],
    [
      'failover record taking the CloudFront alias',
      (c) => {
        const dns = prodData(c).dnsFailover;
        if (dns) dns.recordName = 'api';
      },
      /data\.prod\.dnsFailover\.recordName: 'api' would take api\.tradesense\.io, the CloudFront alias/,
    ],
    [
      'Velero grace beyond the GDPR maximum',
      (c) => {
        prodData(c).velero.deletedBackupGraceDays = 60;
      },
      /data\.prod\.velero\.deletedBackupGraceDays: backups live 35 \+ 60 grace days, longer than GDPR allows \(90\)/,
    ],
    [
      'an environment without a data section',
      (c) => {
        delete c.data.staging;
      },
      /data\.staging: environment 'staging' has no data section/,
    ],
    [
      'data for an unknown environment',
      (c) => {
        c.data.qa = structuredClone(prodData(c));
      },
      /data\.qa: data for unknown environment 'qa'/,
    ],
    [
      'Aurora without a replica region',
      (c) => {
        const dev = c.data.dev;
        if (dev) dev.database.engine = 'aurora-postgres-global';
      },
      /data\.dev\.database\.engine: an Aurora Global Database spans two regions or more; add a region to environments\.dev\.regions\.replicas/,
    ],
    [
      'storage ceiling below the allocation',
      (c) => {
        prodData(c).database.maxAllocatedStorageGiB = 100;
      },
      /data\.prod\.database\.maxAllocatedStorageGiB: 100 GiB is below allocatedStorageGiB \(200\)/,
    ],
    [
      'hourly database snapshots (over the RDS snapshot quota)',
      (c) => {
        prodData(c).backup.plans = [{ name: 'databases', frequency: 'hourly', dataClass: 'database-snapshots' }];
      },
      /data\.prod\.backup\.plans\[databases\]\.frequency: hourly snapshots kept 35 days leave up to 1680 RDS snapshots per region \(with the copies from the other region\), over RDS's quota of 100; use frequency 'continuous'/,
    ],
    [
      'hourly database snapshots (inside the RDS backup window)',
      (c) => {
        prodData(c).backup.plans = [{ name: 'databases', frequency: 'hourly', dataClass: 'database-snapshots' }];
      },
      /data\.prod\.backup\.plans\[databases\]\.frequency: hourly jobs start in its automated backup window 04:00-05:00; use frequency 'continuous'/,
    ],
    [
      'daily backups starting in the hour before the maintenance window',
      (c) => {
        prodData(c).backup.dailyStartHourUtc = 5;
      },
      /data\.prod\.backup\.dailyStartHourUtc: 5:00 UTC starts backups of the database in the hour before or during its maintenance window sun:06:00-sun:07:00, when AWS Backup starts no database backup; start at 0 instead/,
    ],
    [
      'daily backups starting in the RDS backup window',
      (c) => {
        const staging = c.data.staging;
        if (staging) staging.backup.dailyStartHourUtc = 4;
      },
      /data\.staging\.backup\.dailyStartHourUtc: 4:00 UTC starts backups of the database in its automated backup window 04:00-05:00; start at 0 instead/,
    ],
    [
      'a continuous plan of another retention than the database keeps',
      (c) => {
        prodData(c).backup.plans = [{ name: 'databases', frequency: 'continuous', dataClass: 'backups' }];
        c.retention.backups.retentionDays = 30;
      },
      /data\.prod\.backup\.plans\[databases\]\.dataClass: a continuous plan sets the database's backup retention to its own 30 days while the instance keeps 'database-snapshots' \(35 days\), and every plan would set it back; use dataClass 'database-snapshots'/,
    ],
    [
      'continuous backups kept longer than AWS Backup keeps them',
      (c) => {
        prodData(c).backup.plans = [{ name: 'databases', frequency: 'continuous', dataClass: 'backups' }];
        c.retention.backups.retentionDays = 60;
      },
      /retention\.backups\.retentionDays: 60 days exceeds what continuous backups keep \(35\)/,
    ],
  ])('rejects %s with a message naming the field and the fix', (_name, mutate, message) => {
    expect(() => configWith(mutate)).toThrow(message);
  });

  test('daily snapshots of a two-region database stay within the RDS snapshot quota', () => {
    expect(() =>
      configWith((c) => {
        prodData(c).backup.plans = [{ name: 'databases', frequency: 'daily', dataClass: 'database-snapshots' }];
      }),
    ).not.toThrow();
  });

  test('the Aurora switch parses', () => {
    const config = configWith((c) => {
      Object.assign(prodData(c).database, { engine: 'aurora-postgres-global', engineVersion: '16.6' });
    });
    expect(config.data.prod?.database.engine).toBe('aurora-postgres-global');
  });

  test.each([
    ['sun:06:00-sun:07:00', false],
    ['sat:22:00-sun:02:00', false],
    ['sun:23:30-mon:00:30', false],
    ['mon:13:00-mon:14:00', true],
    ['fri:20:30-fri:21:30', true],
    ['wed:02:00-wed:03:00', false],
  ])('market hours: %s overlaps = %s', (window, expected) => {
    expect(duringMarketHours(weeklySpan(window))).toBe(expected);
  });
});
