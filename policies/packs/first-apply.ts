import { deliveryWaitsForBucketPolicy } from '../aws/delivery-waits-for-bucket-policy.js';
import type { TerraformPack } from '../types.js';

/**
 * Terraform guardrails for the first apply on an empty account: what plans
 * cleanly but fails, or races, when everything is created at once. (What a
 * stack names outside itself is pack `account-prerequisites`.)
 */
export const firstApply: TerraformPack = {
  name: 'first-apply',
  target: 'terraform',
  entries: [
    {
      rule: deliveryWaitsForBucketPolicy,
      severity: 'error',
      title: 'Deliveries into a bucket wait for its policy',
      rationale:
        'CloudTrail, Data Exports, AWS Config and log delivery check that they may write when they are created; created in parallel with the bucket policy that allows it, the first apply fails (InsufficientS3BucketPolicyException) or the first files are lost.',
      remediation: "add the bucket's aws_s3_bucket_policy to the resource's dependsOn (SecureBucket exposes it as .policy)",
    },
  ],
};
