import { blocks } from '../terraform.js';
import { violation, type AwsContext, type AwsRule, type TfResource } from '../types.js';
import { bucketConfigs } from './bucket-configs.js';

type Body = Readonly<Record<string, unknown>>;

const many = (value: unknown): unknown[] => (Array.isArray(value) ? value : [value]);
const enabled = (b: Body) => b.enabled === undefined || b.enabled === true || b.enabled === 'true';

/**
 * Resources an AWS service delivers files through into an S3 bucket, and where
 * each names the bucket (a name, an ARN, a domain name or a reference).
 */
export const DELIVERY_TARGETS: Readonly<Record<string, (b: Body) => unknown[]>> = {
  aws_cloudtrail: (b) => [b.s3_bucket_name],
  aws_bcmdataexports_export: (b) =>
    blocks(b.export)
      .flatMap((e) => blocks(e.destination_configurations))
      .flatMap((d) => blocks(d.s3_destination))
      .map((s) => s.s3_bucket),
  aws_cur_report_definition: (b) => [b.s3_bucket],
  aws_config_delivery_channel: (b) => [b.s3_bucket_name],
  aws_flow_log: (b) => (b.log_destination_type === 's3' ? [b.log_destination] : []),
  aws_lb: (b) => [...blocks(b.access_logs), ...blocks(b.connection_logs)].filter(enabled).map((l) => l.bucket),
  aws_alb: (b) => [...blocks(b.access_logs), ...blocks(b.connection_logs)].filter(enabled).map((l) => l.bucket),
  aws_elb: (b) =>
    blocks(b.access_logs)
      .filter(enabled)
      .map((l) => l.bucket),
  aws_cloudfront_distribution: (b) => blocks(b.logging_config).map((l) => l.bucket),
  aws_cloudwatch_log_delivery_destination: (b) => blocks(b.delivery_destination_configuration).map((d) => d.destination_resource_arn),
  aws_s3_bucket_logging: (b) => [b.target_bucket],
  aws_wafv2_web_acl_logging_configuration: (b) => many(b.log_destination_configs),
  aws_guardduty_publishing_destination: (b) => [b.destination_arn],
};

const BUCKET_REFERENCE = /\$\{aws_s3_bucket\.([A-Za-z0-9_-]+)\./;

/** The literal bucket name in `name`, `arn:aws:s3:::name/prefix` or `name.s3[.region].amazonaws.com`. */
function literalBucket(value: string): string | undefined {
  if (value.includes('${')) return undefined;
  const name = value
    .replace(/^arn:aws[\w-]*:s3:::/, '')
    .split('/')[0]
    ?.replace(/\.s3(\.[a-z0-9-]+)?\.amazonaws\.com$/, '');
  return name || undefined;
}

/** The bucket of this stack a delivery names, if it is one. */
function bucketOf(value: unknown, ctx: AwsContext): TfResource | undefined {
  if (typeof value !== 'string') return undefined;
  const reference = BUCKET_REFERENCE.exec(value);
  const buckets = ctx.ofType('aws_s3_bucket');
  if (reference) return buckets.find((b) => b.name === reference[1]);
  const name = literalBucket(value);
  return name ? buckets.find((b) => b.body.bucket === name) : undefined;
}

/** True when `resource` names `dependency` in its depends_on or in any expression of its body. */
function dependsOn(resource: TfResource, dependency: TfResource): boolean {
  const address = dependency.address;
  return many(resource.body.depends_on).includes(address) || JSON.stringify(resource.body).includes(`\${${address}.`);
}

/**
 * A resource through which AWS delivers into a bucket of the same stack waits
 * for that bucket's policy. Terraform otherwise creates both at once, and the
 * service (CloudTrail, Data Exports, Config, log delivery...) checks its write
 * access at creation: the first apply fails, or the first deliveries are lost.
 */
export const deliveryWaitsForBucketPolicy: AwsRule = {
  id: 'delivery-waits-for-bucket-policy',
  types: Object.keys(DELIVERY_TARGETS),
  check: (resource, ctx) => {
    const buckets = (DELIVERY_TARGETS[resource.type]?.(resource.body) ?? [])
      .map((v) => bucketOf(v, ctx))
      .filter((b): b is TfResource => b !== undefined);
    if (buckets.length === 0) return 'not-applicable';
    const missing = buckets.flatMap((bucket) =>
      bucketConfigs(bucket, ctx, 'aws_s3_bucket_policy')
        .filter((policy) => !dependsOn(resource, policy))
        .map((policy) => `${policy.address} (policy of ${bucket.address})`),
    );
    return missing.length === 0 ? 'compliant' : violation(`created without waiting for ${[...new Set(missing)].join(', ')}`);
  },
};
