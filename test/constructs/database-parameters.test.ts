import { describe, expect, test } from 'vitest';
import { majorVersion, postgresParameters } from '../../constructs/aws/database-parameters.js';
import { databaseSettings } from './fixtures.js';

describe('database parameters', () => {
  test.each([
    ['16', '16'],
    ['16.6', '16'],
    ['17.10', '17'],
  ])('engine version %s has major %s (the parameter-group family)', (version, major) => {
    expect(majorVersion(version)).toBe(major);
  });

  test('TLS is required for every connection', () => {
    expect(postgresParameters(databaseSettings())).toContainEqual({ name: 'rds.force_ssl', value: '1', applyMethod: 'immediate' });
  });

  test.each([
    [{}, '500'],
    [{ slowStatementMs: 250 }, '250'],
  ])('slow statements are logged (%j: above %s ms)', (overrides, ms) => {
    expect(postgresParameters(databaseSettings(overrides)).find((p) => p.name === 'log_min_duration_statement')?.value).toBe(ms);
  });

  test('DDL, lock waits and connection churn are logged, all applied without a reboot', () => {
    const parameters = postgresParameters(databaseSettings());
    expect(Object.fromEntries(parameters.map((p) => [p.name, p.value]))).toMatchObject({
      log_statement: 'ddl',
      log_lock_waits: '1',
      log_connections: '1',
      log_disconnections: '1',
    });
    expect(parameters.every((p) => p.applyMethod === 'immediate')).toBe(true);
    expect(new Set(parameters.map((p) => p.name)).size).toBe(parameters.length);
  });
});
