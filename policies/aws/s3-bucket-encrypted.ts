import { blocks, isSet } from '../terraform.js';
import { violation, type AwsContext, type AwsRule, type TfResource } from '../types.js';
import { bucketConfigs } from './bucket-configs.js';
import { statementsOf } from './policy-document.js';

/** S3 server access logging and ELB access logs deliver only to SSE-S3 buckets: such a target may use AES256. */
function isAccessLogTarget(bucket: TfResource, ctx: AwsContext): boolean {
  const targeted = ctx
    .ofType('aws_s3_bucket_logging')
    .some(
      (l) =>
        ctx.resolve(l.body.target_bucket)?.address === bucket.address ||
        (isSet(bucket.body.bucket) && l.body.target_bucket === bucket.body.bucket),
    );
  const loadBalancerTarget = [...ctx.ofType('aws_lb'), ...ctx.ofType('aws_alb')]
    .flatMap((lb) => blocks(lb.body.access_logs))
    .some((logs) => ctx.resolve(logs.bucket)?.address === bucket.address);
  const grantsDelivery = bucketConfigs(bucket, ctx, 'aws_s3_bucket_policy')
    .flatMap((p) => statementsOf(p.body.policy, ctx) ?? [])
    .some((s) => s.effect === 'Allow' && s.services.includes('logging.s3.amazonaws.com'));
  return targeted || loadBalancerTarget || grantsDelivery;
}

/**
 * A bucket has a default-encryption configuration with SSE-KMS under a named
 * key; an S3 or load balancer access-log target may use SSE-S3 (the only one log delivery supports).
 */
export const s3BucketEncrypted: AwsRule = {
  id: 's3-bucket-encrypted',
  types: ['aws_s3_bucket'],
  check: (bucket, ctx) => {
    const defaults = bucketConfigs(bucket, ctx, 'aws_s3_bucket_server_side_encryption_configuration')
      .flatMap((c) => blocks(c.body.rule))
      .flatMap((rule) => blocks(rule.apply_server_side_encryption_by_default));
    if (defaults.some((d) => String(d.sse_algorithm).startsWith('aws:kms') && isSet(d.kms_master_key_id))) return 'compliant';
    if (defaults.some((d) => d.sse_algorithm === 'AES256') && isAccessLogTarget(bucket, ctx)) return 'compliant';
    return violation('no aws_s3_bucket_server_side_encryption_configuration with sse_algorithm aws:kms and a kms_master_key_id');
  },
};
