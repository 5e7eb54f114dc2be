import { blocks, isSet } from '../terraform.js';
import { verdictOf, type AwsRule } from '../types.js';
import { retentionBounds } from './retention-bounds.js';

/**
 * Automated database backups and AWS Backup recovery points are kept as long
 * as the regulations of config.retention demand, and no longer than they allow.
 */
export const backupRetentionCompliant: AwsRule = {
  id: 'backup-retention-compliant',
  types: ['aws_db_instance', 'aws_rds_cluster', 'aws_backup_plan'],
  check: (r, ctx) => {
    if (r.type === 'aws_backup_plan') {
      const { min, max } = retentionBounds(ctx.config, 'backups');
      const problems = blocks(r.body.rule).flatMap((rule) => {
        const lifecycles = [...blocks(rule.lifecycle), ...blocks(rule.copy_action).flatMap((c) => blocks(c.lifecycle))];
        if (lifecycles.length === 0)
          return [`rule ${String(rule.rule_name)} keeps recovery points forever (no lifecycle.delete_after; at most ${max} days)`];
        return lifecycles
          .map((l) => Number(l.delete_after))
          .filter((days) => !(days >= min && days <= max))
          .map((days) => `rule ${String(rule.rule_name)} keeps recovery points ${days} days (allowed ${min}-${max})`);
      });
      return verdictOf(problems);
    }
    // A read replica's backups are its source's.
    if (isSet(r.body.replicate_source_db)) return 'not-applicable';
    const { min } = retentionBounds(ctx.config, 'database-snapshots');
    const days = Number(r.body.backup_retention_period ?? 1);
    return verdictOf(days >= min ? [] : [`backup_retention_period is ${days} days (at least ${min})`]);
  },
};
