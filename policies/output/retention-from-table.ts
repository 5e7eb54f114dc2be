import type { PlatformConfig } from '../../config/schema/platform.js';
import type { OutputRule } from '../types.js';
import { retentionInventory, type RetentionItem } from './retention-inventory.js';

/**
 * The verdict: every retention-bearing resource keeps its data exactly as long as
 * the retention table says for its class. The table itself is held within every
 * regulation's minimum and maximum by the `retention-within-regulations`
 * invariant, so "equal to the table" implies "no shorter than any minimum and no
 * longer than any maximum (GDPR)". Missing retention (never expires, or a
 * service default) fails; so does any drift, and the message names the
 * regulation a shorter or longer figure would break.
 */
export function retentionVerdict(config: PlatformConfig, item: RetentionItem): string | undefined {
  if (!item.dataClass) return `cannot classify: ${item.classifiedBy}; tag it DataClass=<one of the retention table's classes>`;
  const policy = config.retention[item.dataClass];
  const fix = `set it from retentionDays(config, '${item.dataClass}') (${policy.retentionDays} days)`;
  if (item.days === undefined) return `${item.kind} of class ${item.dataClass} (${item.classifiedBy}) has no retention; ${fix}`;
  if (item.days === policy.retentionDays) return undefined;
  const broken = policy.requirements.flatMap((r) => {
    if (r.minDays !== undefined && item.days !== undefined && item.days < r.minDays)
      return [`shorter than the ${r.minDays}-day minimum of ${r.regulation} (${r.reference})`];
    if (r.maxDays !== undefined && item.days !== undefined && item.days > r.maxDays)
      return [`longer than the ${r.maxDays}-day maximum of ${r.regulation} (${r.reference})`];
    return [];
  });
  const why = broken.length ? broken.join('; ') : 'differs from the retention table';
  return `${item.kind} of class ${item.dataClass} keeps data ${item.days} days: ${why}; ${fix}`;
}

/** Every retention-bearing resource (and Velero schedule) keeps its data exactly as long as the retention table says for its class. */
export const retentionFromTable: OutputRule = {
  id: 'retention-from-table',
  types: ['aws_cloudwatch_log_group', 'aws_s3_bucket', 'aws_backup_plan', 'aws_db_instance', 'aws_rds_cluster'],
  check: (index, { config }) =>
    retentionInventory(index).flatMap((item) => {
      const detail = retentionVerdict(config, item);
      return detail ? [{ where: item.where, detail }] : [];
    }),
};
