import type { Waiver } from './types.js';

/**
 * Every reviewed exception to a guardrail, in one place. Each names one rule
 * and one resource (`stack/type.name` or `env/region/file#Kind/namespace/name`,
 * `*` within a path segment), says why, and ends within 90 days: an expired
 * waiver fails synth, an unused one is reported so it gets removed. Reports
 * that list exceptions (the DR runbook) read them from here.
 */
export const WAIVERS: readonly Waiver[] = [
  // production-data-copied-cross-region: resources whose owners keep them regional on purpose
  // (owners of new resources tag them DisasterRecoveryExemption=<reason> instead).
  {
    rule: 'production-data-copied-cross-region',
    resource: '*-global-cost-reporting/aws_s3_bucket.exports-bucket_*',
    reason: 'cost and usage exports: AWS re-delivers them on request, nothing is lost with the region',
    expires: '2027-03-07',
  },
  {
    rule: 'production-data-copied-cross-region',
    resource: '*-security/aws_s3_bucket.config_bucket_*',
    reason:
      "AWS Config history of this region only: each region records its own, and the secondary region's copy of its own state is its own bucket",
    expires: '2027-03-07',
  },
  {
    rule: 'production-data-copied-cross-region',
    resource: '*-global-audit/aws_s3_bucket.log-archive_bucket_*',
    reason:
      'audit archive under Object Lock (compliance mode); a cross-region copy needs an Object Lock replica bucket in the secondary region, which belongs to the audit-trail stack',
    expires: '2027-03-07',
  },
  {
    rule: 'production-data-copied-cross-region',
    resource: '*-global-audit/aws_s3_bucket.access-logs_bucket_*',
    reason:
      'audit archive under Object Lock (compliance mode); a cross-region copy needs an Object Lock replica bucket in the secondary region, which belongs to the audit-trail stack',
    expires: '2027-03-07',
  },
];
