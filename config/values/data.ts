import type { PlatformConfigInput } from '../schema/platform.js';

type EnvironmentDataInput = PlatformConfigInput['data'][string];

// Sunday early morning UTC: US markets closed, Asian markets not yet open.
const windows = { maintenanceWindow: 'sun:06:00-sun:07:00', backupWindow: '04:00-05:00' };
// engineVersion is the major only: RDS applies minor upgrades itself (autoMinorVersionUpgrade).

/** TradeSense data durability and DR per environment: databases, backups, Velero storage, DNS failover. */
export const data: Record<string, EnvironmentDataInput> = {
  dev: {
    database: {
      engineVersion: '16',
      instanceClass: 'db.t4g.medium',
      multiAz: false,
      allocatedStorageGiB: 20,
      maxAllocatedStorageGiB: 100,
      databaseName: 'tradesense',
      masterUsername: 'tradesense_admin',
      ...windows,
      backupPlan: 'databases',
      alarms: { replicaLagSeconds: 300, cpuPercent: 90, freeStorageGiB: 5, connections: 150 },
      promotionMinutes: 60,
    },
    backup: { plans: [{ name: 'databases', frequency: 'daily', dataClass: 'database-snapshots' }], restoreMinutes: 120 },
    velero: { restoreMinutes: 120 },
  },
  staging: {
    database: {
      engineVersion: '16',
      instanceClass: 'db.r7g.large',
      multiAz: false,
      allocatedStorageGiB: 50,
      maxAllocatedStorageGiB: 200,
      databaseName: 'tradesense',
      masterUsername: 'tradesense_admin',
      ...windows,
      backupPlan: 'databases',
      alarms: { replicaLagSeconds: 120, cpuPercent: 85, freeStorageGiB: 10, connections: 300 },
      promotionMinutes: 30,
    },
    backup: { plans: [{ name: 'databases', frequency: 'daily', dataClass: 'database-snapshots' }], restoreMinutes: 90 },
    velero: { restoreMinutes: 60 },
  },
  prod: {
    database: {
      engineVersion: '16',
      instanceClass: 'db.r7g.xlarge',
      multiAz: true,
      allocatedStorageGiB: 200,
      maxAllocatedStorageGiB: 1000,
      databaseName: 'tradesense',
      masterUsername: 'tradesense_admin',
      ...windows,
      slowStatementMs: 250,
      monitoringIntervalSeconds: 15,
      backupPlan: 'databases',
      alarms: { replicaLagSeconds: 30, cpuPercent: 80, freeStorageGiB: 50, connections: 800 },
      promotionMinutes: 15,
    },
    backup: {
      // Point-in-time restore to the second for 35 days, a daily snapshot copied to the other region.
      plans: [{ name: 'databases', frequency: 'continuous', dataClass: 'database-snapshots' }],
      vaultLock: { changeableForDays: 3 },
      restoreMinutes: 60,
    },
    velero: { restoreMinutes: 30 },
    // api.<domain> is the CloudFront alias (stacks/edge.ts); this name serves clients and tools that bypass it.
    dnsFailover: { recordName: 'api-origin', healthCheck: {}, ttlSeconds: 60 },
  },
};
