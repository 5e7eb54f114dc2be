import type { DatabaseSettings } from '../../config/schema/data.js';

export interface DatabaseParameter {
  readonly name: string;
  readonly value: string;
  readonly applyMethod: 'immediate' | 'pending-reboot';
}

/** `16.6` -> `16`: parameter-group families and major upgrades follow the major version. */
export function majorVersion(engineVersion: string): string {
  return engineVersion.split('.')[0] ?? engineVersion;
}

/**
 * PostgreSQL settings every TradeSense database runs with, RDS or Aurora:
 * TLS required for every connection, slow statements and DDL logged, lock
 * waits and connection churn visible in the exported logs.
 */
export function postgresParameters(settings: DatabaseSettings): DatabaseParameter[] {
  return [
    { name: 'rds.force_ssl', value: '1', applyMethod: 'immediate' },
    { name: 'log_min_duration_statement', value: String(settings.slowStatementMs), applyMethod: 'immediate' },
    { name: 'log_statement', value: 'ddl', applyMethod: 'immediate' },
    { name: 'log_lock_waits', value: '1', applyMethod: 'immediate' },
    { name: 'log_connections', value: '1', applyMethod: 'immediate' },
    { name: 'log_disconnections', value: '1', applyMethod: 'immediate' },
  ];
}
