import { DataAwsElbServiceAccount } from '@cdktf/provider-aws/lib/data-aws-elb-service-account';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { Testing } from 'cdktf';
import { describe, expect, test } from 'vitest';
import { DR_EXEMPTION_TAG_KEY } from '../../config/derive/tags.js';
import { LOAD_BALANCER_LOG_PREFIX, LoadBalancerLogBucket } from '../../constructs/aws/load-balancer-log-bucket.js';
import { ACCOUNT, awsStack, only, probe, ref, statements, synth } from './construct-stack.js';

function build(retentionDays = 30) {
  const stack = awsStack();
  const logs = new LoadBalancerLogBucket(stack, 'alb-logs', {
    bucketName: 'prod-use1-alb-logs',
    accountId: ACCOUNT,
    retentionDays,
    dataClass: 'network-logs',
  });
  probe(stack, 'policy', logs.policy.id);
  return synth(stack);
}

const objects = `arn:aws:s3:::prod-use1-alb-logs/${LOAD_BALANCER_LOG_PREFIX}/AWSLogs/${ACCOUNT}/*`;

describe('LoadBalancerLogBucket', () => {
  test('SSE-S3, the only encryption ELB log delivery writes to', () => {
    expect(only(build(), S3BucketServerSideEncryptionConfigurationA.tfResourceType).rule).toEqual([
      { apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } },
    ]);
  });

  test("the region's ELB account writes this account's prefix only", () => {
    const out = build();
    expect(Testing.toHaveDataSource(out.text, DataAwsElbServiceAccount.tfResourceType)).toBe(true);
    const s = statements(only(out, S3BucketPolicy.tfResourceType).policy);
    expect(s.ElbAccountDelivery).toMatchObject({ Effect: 'Allow', Action: 's3:PutObject', Resource: objects });
    expect(s.ElbAccountDelivery.Principal.AWS).toMatch(/^\$\{data\.aws_elb_service_account\.[^.]+\.arn\}$/);
  });

  test('the log delivery service (newer regions) writes the same prefix, for this account only', () => {
    const s = statements(only(build(), S3BucketPolicy.tfResourceType).policy);
    expect(s.ElbServiceDelivery).toMatchObject({
      Principal: { Service: 'logdelivery.elasticloadbalancing.amazonaws.com' },
      Action: 's3:PutObject',
      Resource: objects,
      Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT } },
    });
  });

  test.each([7, 90])('logs expire after %i days, overwritten versions after one', (days) => {
    const rules = only(build(days), S3BucketLifecycleConfiguration.tfResourceType).rule;
    expect(rules.find((r: any) => r.id === 'retention').expiration).toEqual([{ days }]);
    expect(rules.find((r: any) => r.id === 'expire-noncurrent-versions').noncurrent_version_expiration).toEqual([{ noncurrent_days: 1 }]);
  });

  test('the bucket names why it has no copy in the other region, and survives destroy', () => {
    const bucket = only(build(), S3Bucket.tfResourceType);
    expect(bucket.tags).toMatchObject({ DataClass: 'network-logs', [DR_EXEMPTION_TAG_KEY]: expect.stringMatching(/\S/) });
    expect(bucket.lifecycle).toEqual({ prevent_destroy: true });
  });

  test('policy is the bucket policy the load balancer must wait for', () => {
    const out = build();
    expect(out.output.policy?.value).toBe(ref(out, S3BucketPolicy.tfResourceType, 'id'));
  });
});
