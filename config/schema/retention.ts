import { z } from 'zod';
import { logRetentionDays } from './primitives.js';

export const DATA_CLASSES = [
  'audit-logs',
  'application-logs',
  'network-logs',
  'backups',
  'database-snapshots',
  'metrics',
  'traces',
] as const;
export type DataClass = (typeof DATA_CLASSES)[number];

export const REGULATIONS = ['SOC 2', 'PCI DSS', 'GDPR', 'HIPAA', 'SEC 17a-4'] as const;

/** What one regulation demands of a data class: keep at least / at most this long. */
export const RetentionRequirementSchema = z.strictObject({
  regulation: z.enum(REGULATIONS),
  minDays: z.number().int().nonnegative().optional(),
  maxDays: z.number().int().positive().optional(),
  /** The clause, for the compliance report. */
  reference: z.string().min(1),
});

export const RetentionPolicySchema = z.strictObject({
  /** How long this class is kept, everywhere it is stored. */
  retentionDays: z.number().int().positive({ error: 'retention must be at least 1 day: 0 would expire data as soon as it is written' }),
  requirements: z.array(RetentionRequirementSchema).min(1),
});

/** Classes kept in CloudWatch Logs must use a retention CloudWatch accepts. */
const LogRetentionPolicySchema = RetentionPolicySchema.extend({ retentionDays: logRetentionDays });

/** The one retention table: every log group, lifecycle, backup plan and Velero TTL reads it. */
export const RetentionSchema = z.strictObject({
  'audit-logs': LogRetentionPolicySchema,
  'application-logs': LogRetentionPolicySchema,
  'network-logs': LogRetentionPolicySchema,
  backups: RetentionPolicySchema,
  'database-snapshots': RetentionPolicySchema,
  metrics: RetentionPolicySchema,
  traces: RetentionPolicySchema,
});

export type RetentionPolicy = z.infer<typeof RetentionPolicySchema>;
export type RetentionTable = z.infer<typeof RetentionSchema>;
