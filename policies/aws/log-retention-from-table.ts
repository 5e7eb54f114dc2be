import { violation, type AwsRule } from '../types.js';

/** Log groups expire their events after a figure of the retention table (unset or 0 keeps them forever). */
export const logRetentionFromTable: AwsRule = {
  id: 'log-retention-from-table',
  types: ['aws_cloudwatch_log_group'],
  check: (r, ctx) => {
    const days = Number(r.body.retention_in_days ?? 0);
    const figures = [...new Set(Object.values(ctx.config.retention).map((p) => p.retentionDays))].sort((a, b) => a - b);
    if (figures.includes(days)) return 'compliant';
    return violation(
      days === 0
        ? 'retention_in_days is not set: events are kept forever'
        : `retention_in_days ${days} is not a config.retention figure (${figures.join(', ')})`,
    );
  },
};
