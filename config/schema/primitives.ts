import { z } from 'zod';
import { parseCidr } from '../derive/cidr.js';
import { AWS_REGIONS, isAwsRegion, type AwsRegion } from '../reference/aws-regions.js';

export const awsRegion = z.string().refine(isAwsRegion, {
  error: (issue) => `unknown region '${String(issue.input)}': use one of ${AWS_REGIONS.join(', ')} (regions with three AZs only)`,
}) as unknown as z.ZodType<AwsRegion>;

export const cidrBlock = z.string().refine((value) => parseCidr(value) !== undefined, {
  error: (issue) => `'${String(issue.input)}' is not an IPv4 CIDR block with its host bits clear (e.g. 10.20.0.0/16)`,
});

export const accountId = z.string().regex(/^\d{12}$/, { error: 'an AWS account id is exactly 12 digits, quoted as a string' });

export const envName = z.string().regex(/^[a-z][a-z0-9]{1,11}$/, { error: 'environment names are 2-12 lower-case letters or digits' });

export const k8sName = z
  .string()
  .regex(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/, { error: 'must be a DNS-1123 label (lower-case, digits, -)' });

export const email = z.email({ error: 'must be an e-mail address such as team@tradesense.io' });

/** AWS tag rules: https://docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html */
const TAG_CHARS = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

export const tagKey = z
  .string()
  .min(1, { error: 'tag keys cannot be empty' })
  .max(128, { error: 'tag keys are at most 128 characters' })
  .regex(TAG_CHARS, { error: 'tag keys may only hold letters, digits, spaces and _ . : / = + - @' })
  .refine((key) => !key.toLowerCase().startsWith('aws:'), { error: "the 'aws:' prefix is reserved by AWS" });

export const tagValue = z
  .string()
  .max(256, { error: 'tag values are at most 256 characters' })
  .regex(TAG_CHARS, { error: 'tag values may only hold letters, digits, spaces and _ . : / = + - @' });

/** Retention periods CloudWatch Logs accepts (PutRetentionPolicy). */
export const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

export const logRetentionDays = z.number().refine((d) => (LOG_RETENTION_DAYS as readonly number[]).includes(d), {
  error: (issue) => `${String(issue.input)} days is not a CloudWatch Logs retention; use one of ${LOG_RETENTION_DAYS.join(', ')}`,
});
