/**
 * Reviewed exceptions to the cross-region copy rule, for resources whose code
 * this capability does not own (owners should prefer the
 * `DisasterRecoveryExemption` tag on the resource itself). Each says why the
 * data needs no copy in the secondary region; the DR runbook lists them.
 */
export interface DrWaiver {
  readonly type: string;
  /** Stacks the waiver applies to (`<env>-<region>-<kind>`). */
  readonly stack: RegExp;
  /** Terraform logical names it applies to (construct path based). */
  readonly name: RegExp;
  readonly reason: string;
}

export const DR_WAIVERS: DrWaiver[] = [
  {
    type: 'aws_s3_bucket',
    stack: /^[a-z0-9]+-global-state$/,
    name: /^state-bucket_/,
    reason: 'Terraform state: versioned and prevent_destroy; an outage of the home region blocks applies, not the running platform, and every stack can be re-imported',
  },
  {
    type: 'aws_s3_bucket',
    stack: /^[a-z0-9]+-global-cost-reporting$/,
    name: /^exports-bucket_/,
    reason: 'cost and usage exports: AWS re-delivers them on request, nothing is lost with the region',
  },
  {
    type: 'aws_s3_bucket',
    stack: /^[a-z0-9]+-[a-z0-9-]+-security$/,
    name: /^config_bucket_/,
    reason: "AWS Config history of this region only: each region records its own, and the secondary region's copy of its own state is its own bucket",
  },
  {
    type: 'aws_s3_bucket',
    stack: /^[a-z0-9]+-global-audit$/,
    name: /^(log-archive|access-logs)_bucket_/,
    reason: 'audit archive under Object Lock (compliance mode); a cross-region copy needs an Object Lock replica bucket in the secondary region, which belongs to the audit-trail stack',
  },
];
