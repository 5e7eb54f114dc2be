import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { describe, expect, test } from 'vitest';
import { AccessLogBucket } from '../../constructs/aws/access-log-bucket.js';
import { ACCOUNT, awsStack, only, PEER_REGION, probe, providerRef, ref, regionProvider, statements, synth } from './construct-stack.js';

function build(retentionDays = 90) {
  const stack = awsStack();
  const logs = new AccessLogBucket(stack, 'access-logs', {
    bucketName: 'prod-access-logs',
    accountId: ACCOUNT,
    retentionDays,
    dataClass: 'network-logs',
  });
  probe(stack, 'policy', logs.policy.id);
  return synth(stack);
}

describe('AccessLogBucket', () => {
  test('SSE-S3, the only encryption S3 log delivery writes to', () => {
    expect(only(build(), S3BucketServerSideEncryptionConfigurationA.tfResourceType).rule).toEqual([
      { apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } },
    ]);
  });

  test('the logging service writes objects for this account only', () => {
    const s = statements(only(build(), S3BucketPolicy.tfResourceType).policy);
    expect(s.S3ServerAccessLogDelivery).toEqual({
      Sid: 'S3ServerAccessLogDelivery',
      Effect: 'Allow',
      Principal: { Service: 'logging.s3.amazonaws.com' },
      Action: 's3:PutObject',
      Resource: 'arn:aws:s3:::prod-access-logs/*',
      Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT } },
    });
    expect(s.DenyInsecureTransport.Effect).toBe('Deny');
  });

  test.each([30, 400])('logs expire after the retention figure (%i days); overwritten versions after a day', (days) => {
    const rules = only(build(days), S3BucketLifecycleConfiguration.tfResourceType).rule;
    expect(rules.find((r: any) => r.id === 'retention')).toMatchObject({ status: 'Enabled', expiration: [{ days }] });
    expect(rules.find((r: any) => r.id === 'expire-noncurrent-versions').noncurrent_version_expiration).toEqual([{ noncurrent_days: 1 }]);
  });

  test('the bucket carries its data class and survives destroy', () => {
    expect(only(build(), S3Bucket.tfResourceType)).toMatchObject({
      bucket: 'prod-access-logs',
      tags: { DataClass: 'network-logs' },
      lifecycle: { prevent_destroy: true },
    });
  });

  test('policy is the bucket policy (what aws_s3_bucket_logging must depend on)', () => {
    const out = build();
    expect(out.output.policy?.value).toBe(ref(out, S3BucketPolicy.tfResourceType, 'id'));
  });

  test('a provider of another region places the bucket there', () => {
    const stack = awsStack();
    new AccessLogBucket(stack, 'logs', {
      bucketName: 'b',
      accountId: ACCOUNT,
      retentionDays: 30,
      dataClass: 'network-logs',
      provider: regionProvider(stack, PEER_REGION),
    });
    expect(only(synth(stack), S3Bucket.tfResourceType).provider).toBe(providerRef(PEER_REGION));
  });
});
