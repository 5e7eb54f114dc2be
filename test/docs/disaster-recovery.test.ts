import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import {
  CONTINUOUS_BACKUP_MAX_DAYS,
  MAINTENANCE_LEAD_MINUTES,
  RDS_MANUAL_SNAPSHOT_QUOTA,
  PITR_LOG_MINUTES,
} from '../../config/reference/aws-limits.js';
import { EKS_UPGRADE_POLICY, SUPPORT_WARNING_DAYS } from '../../config/reference/version-support.js';
import { BackupSchema } from '../../config/schema/data.js';
import { REPLICA_IGNORED_AFTER_PROMOTION } from '../../constructs/aws/rds-replica.js';
import { platformConfig } from '../support/platform.js';

const doc = readFileSync(new URL('../../docs/disaster-recovery.md', import.meta.url), 'utf8').replace(/\s+/g, ' ');

describe('docs/disaster-recovery.md: version and backup sections', () => {
  test('the figures it states are the ones the rules use', () => {
    expect(doc).toContain(`within ${SUPPORT_WARNING_DAYS} days of either end`);
    expect(doc).toContain(`upgrade policy is \`${EKS_UPGRADE_POLICY}\``);
    expect(doc).toContain(`quota of ${RDS_MANUAL_SNAPSHOT_QUOTA} manual snapshots per region`);
    expect(doc).toContain(`at most ${CONTINUOUS_BACKUP_MAX_DAYS} days`);
    expect(MAINTENANCE_LEAD_MINUTES).toBe(60);
    expect(doc).toContain('in the hour before or during the maintenance window');
    expect(doc).toContain(
      `\`backup.dailyStartHourUtc\`, default ${BackupSchema.parse({ plans: [{ name: 'x', frequency: 'daily', dataClass: 'backups' }], restoreMinutes: 1 }).dailyStartHourUtc}`,
    );
    expect(doc).toContain(`continuous: ${PITR_LOG_MINUTES} min of logs in-region`);
  });

  test('the hourly example matches the quota arithmetic, and prod is the continuous case it describes', () => {
    const days = platformConfig().retention['database-snapshots'].retentionDays;
    expect(doc).toContain(`hourly snapshots kept ${days} days: ${24 * days * 2}`);
    expect(doc).toContain('`continuous` plans (prod)');
    expect(platformConfig().data.prod?.backup.plans.map((p) => p.frequency)).toEqual(['continuous']);
  });

  test('the attributes the replica ignores are the ones it names', () => {
    expect(doc).toContain(
      `The replica ignores ${REPLICA_IGNORED_AFTER_PROMOTION.slice(0, -1)
        .map((a) => `\`${a}\``)
        .join(', ')} and \`${REPLICA_IGNORED_AFTER_PROMOTION.at(-1) ?? ''}\``,
    );
  });
});
