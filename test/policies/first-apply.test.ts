import { describe, expect, it } from 'vitest';
import { deliveryWaitsForBucketPolicy } from '../../policies/aws/delivery-waits-for-bucket-policy.js';
import { evaluatePolicies } from '../../policies/engine.js';
import { firstApply } from '../../policies/packs/first-apply.js';
import { platformConfig, stackJson } from '../support/platform.js';
import { awsVerdict, ref, tfStack } from './fixtures.js';

type Resources = Record<string, Record<string, Record<string, unknown>>>;

const bucket = { b: { bucket: 'tradesense-dev-audit-logs-210987654321' } };
const policy = { p: { bucket: ref('aws_s3_bucket.b.id'), policy: '{}' } };
const withBucket = (resources: Resources): Resources => ({ aws_s3_bucket: bucket, aws_s3_bucket_policy: policy, ...resources });
const verdict = (resources: Resources, address: string) => awsVerdict(deliveryWaitsForBucketPolicy, withBucket(resources), address);

describe('delivery-waits-for-bucket-policy', () => {
  it.each([
    [
      'a trail naming the bucket by reference',
      { aws_cloudtrail: { t: { s3_bucket_name: ref('aws_s3_bucket.b.id') } } },
      'aws_cloudtrail.t',
    ],
    [
      'a trail naming the bucket by name',
      { aws_cloudtrail: { t: { s3_bucket_name: 'tradesense-dev-audit-logs-210987654321' } } },
      'aws_cloudtrail.t',
    ],
    [
      'a CUR 2.0 export',
      {
        aws_bcmdataexports_export: {
          e: { export: [{ destination_configurations: [{ s3_destination: [{ s3_bucket: ref('aws_s3_bucket.b.bucket') }] }] }] },
        },
      },
      'aws_bcmdataexports_export.e',
    ],
    [
      'a Config delivery channel',
      { aws_config_delivery_channel: { c: { s3_bucket_name: ref('aws_s3_bucket.b.id') } } },
      'aws_config_delivery_channel.c',
    ],
    [
      'flow logs to S3 by ARN',
      { aws_flow_log: { f: { log_destination_type: 's3', log_destination: `${ref('aws_s3_bucket.b.arn')}/flows` } } },
      'aws_flow_log.f',
    ],
    ['load balancer access logs', { aws_lb: { l: { access_logs: { bucket: ref('aws_s3_bucket.b.id'), enabled: true } } } }, 'aws_lb.l'],
    [
      'server access logging into the bucket',
      { aws_s3_bucket_logging: { g: { bucket: 'other', target_bucket: ref('aws_s3_bucket.b.id') } } },
      'aws_s3_bucket_logging.g',
    ],
    [
      'CloudWatch log delivery to S3',
      {
        aws_cloudwatch_log_delivery_destination: {
          d: { delivery_destination_configuration: [{ destination_resource_arn: 'arn:aws:s3:::tradesense-dev-audit-logs-210987654321' }] },
        },
      },
      'aws_cloudwatch_log_delivery_destination.d',
    ],
  ])('flags %s created without waiting for the bucket policy, passes it with depends_on', (_what, resources, address) => {
    expect(verdict(resources, address)).toEqual({
      violation: expect.stringMatching(/created without waiting for aws_s3_bucket_policy\.p \(policy of aws_s3_bucket\.b\)/),
    });
    const [type, name] = address.split('.') as [string, string];
    const waiting = { [type]: { [name]: { ...(resources as Resources)[type]?.[name], depends_on: ['aws_s3_bucket_policy.p'] } } };
    expect(verdict(waiting, address)).toBe('compliant');
  });

  it('accepts a reference to the policy instead of depends_on', () => {
    expect(
      verdict(
        { aws_cloudtrail: { t: { s3_bucket_name: ref('aws_s3_bucket.b.id'), tags: { after: ref('aws_s3_bucket_policy.p.id') } } } },
        'aws_cloudtrail.t',
      ),
    ).toBe('compliant');
  });

  it('leaves deliveries to buckets of other stacks, and disabled or non-S3 logs, alone', () => {
    expect(verdict({ aws_cloudtrail: { t: { s3_bucket_name: 'somebody-elses-bucket' } } }, 'aws_cloudtrail.t')).toBe('not-applicable');
    expect(
      verdict(
        { aws_flow_log: { f: { log_destination_type: 'cloud-watch-logs', log_destination: ref('aws_s3_bucket.b.arn') } } },
        'aws_flow_log.f',
      ),
    ).toBe('not-applicable');
    expect(verdict({ aws_lb: { l: { access_logs: { bucket: ref('aws_s3_bucket.b.id'), enabled: false } } } }, 'aws_lb.l')).toBe(
      'not-applicable',
    );
  });

  it('is registered in the first-apply pack and runs in the engine', () => {
    expect(firstApply.entries.map((e) => e.rule.id)).toEqual(['delivery-waits-for-bucket-policy']);
    const stack = tfStack(withBucket({ aws_cloudtrail: { t: { s3_bucket_name: ref('aws_s3_bucket.b.id') } } }));
    expect(evaluatePolicies({ stacks: [stack], clusters: [] }, platformConfig(), [firstApply])).toEqual([
      expect.objectContaining({ rule: 'delivery-waits-for-bucket-policy', where: 'dev-us-east-1-test/aws_cloudtrail.t' }),
    ]);
  });
});

describe('first-apply ordering of the stacks', () => {
  const dependsOnPolicy = (body: any, stack: string, bucketId: string) => {
    const policies = Object.entries(stackJson(stack).resource.aws_s3_bucket_policy ?? {}).filter(([, p]: [string, any]) =>
      String(p.bucket).includes(bucketId),
    );
    expect(policies).toHaveLength(1);
    expect(body.depends_on).toContain(`aws_s3_bucket_policy.${policies[0]?.[0]}`);
  };

  it('CloudTrail waits for the log archive policy and access logging for the access-log bucket policy', () => {
    const audit = stackJson('prod-global-audit').resource;
    dependsOnPolicy(audit.aws_cloudtrail.trail, 'prod-global-audit', 'aws_s3_bucket.log-archive_bucket');
    dependsOnPolicy(audit.aws_s3_bucket_logging['log-archive-access-logging'], 'prod-global-audit', 'aws_s3_bucket.access-logs_bucket');
  });

  it('the CUR 2.0 export waits for the exports bucket policy', () => {
    dependsOnPolicy(
      stackJson('prod-global-cost-reporting').resource.aws_bcmdataexports_export.cur2,
      'prod-global-cost-reporting',
      'aws_s3_bucket.exports-bucket',
    );
  });

  it('the Config delivery channel waits for the Config bucket policy', () => {
    const [channel] = Object.values(stackJson('prod-us-west-2-security').resource.aws_config_delivery_channel) as any[];
    dependsOnPolicy(channel, 'prod-us-west-2-security', 'aws_s3_bucket.config_bucket');
  });
});
