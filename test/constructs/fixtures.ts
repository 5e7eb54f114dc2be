import { DatabaseSchema, DnsFailoverSchema, type DatabaseSettings, type DnsFailoverSettings } from '../../config/schema/data.js';
import { EksSchema, NodePoolSchema, type EksSettings, type NodePool } from '../../config/schema/environment.js';
import { EdgeSchema, type EdgeSettings } from '../../config/schema/security.js';

/*
 * Config-shaped props for construct tests, parsed by the real schemas (so their
 * defaults apply) from small literals that are not TradeSense's values.
 */

export function databaseSettings(overrides: Partial<Record<keyof DatabaseSettings, unknown>> = {}): DatabaseSettings {
  return DatabaseSchema.parse({
    engineVersion: '16.6',
    instanceClass: 'db.r7g.large',
    multiAz: true,
    allocatedStorageGiB: 100,
    maxAllocatedStorageGiB: 500,
    databaseName: 'orders',
    masterUsername: 'orders_admin',
    maintenanceWindow: 'sun:06:00-sun:07:00',
    backupWindow: '04:00-05:00',
    backupPlan: 'databases',
    alarms: { replicaLagSeconds: 30, cpuPercent: 80, freeStorageGiB: 20, connections: 400 },
    promotionMinutes: 15,
    ...overrides,
  });
}

export function edgeSettings(overrides: Partial<Record<keyof EdgeSettings, unknown>> = {}): EdgeSettings {
  return EdgeSchema.parse({ geoRestriction: { type: 'blacklist', locations: ['KP', 'IR'] }, rateLimitPer5Minutes: 2000, ...overrides });
}

export function nodePool(overrides: Partial<Record<keyof NodePool, unknown>> = {}): NodePool {
  return NodePoolSchema.parse({
    name: 'system',
    capacityType: 'ON_DEMAND',
    instanceTypes: ['m7g.large'],
    minSize: 2,
    maxSize: 4,
    desiredSize: 3,
    ...overrides,
  });
}

export function eksSettings(overrides: Partial<Record<keyof EksSettings, unknown>> = {}): EksSettings {
  return EksSchema.parse({ version: '1.33', nodePools: { system: nodePool(), workload: nodePool({ name: 'workload' }) }, ...overrides });
}

export function healthCheckSettings(overrides: Partial<DnsFailoverSettings['healthCheck']> = {}): DnsFailoverSettings['healthCheck'] {
  return DnsFailoverSchema.parse({ recordName: 'api', healthCheck: overrides }).healthCheck;
}
