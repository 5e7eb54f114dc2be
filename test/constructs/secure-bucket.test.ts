import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { Testing, type App } from 'cdktf';
import { describe, expect, test } from 'vitest';
import { SecureBucket, type SecureBucketProps } from '../../constructs/aws/secure-bucket.js';
import { stackEnvironment } from '../../config/derive/stack-environment.js';
import { PlatformStack } from '../../stacks/platform-stack.js';
import { platformConfig } from '../support/platform.js';
import { address, awsStack, only, PEER_REGION, providerRef, ref, regionProvider, statements, synth } from './construct-stack.js';

const stack = () =>
  new PlatformStack(Testing.app() as App, {
    environment: stackEnvironment(platformConfig(), 'dev'),
    region: 'us-east-1',
    kind: 'bucket-test',
  });

describe('SecureBucket', () => {
  test('needs exactly one encryption choice, naming the bucket and the fix', () => {
    expect(() => new SecureBucket(stack(), 'b', { bucketName: 'neither' })).toThrow(
      /SecureBucket neither: give kmsKeyArn \(SSE-KMS\), or s3ManagedEncryption/,
    );
    expect(
      () => new SecureBucket(stack(), 'b', { bucketName: 'both', kmsKeyArn: 'arn:aws:kms:us-east-1:1:key/x', s3ManagedEncryption: true }),
    ).toThrow(/not both or neither/);
  });

  test('SSE-S3 only when asked, for access-log targets', () => {
    const s = stack();
    new SecureBucket(s, 'logs', { bucketName: 'access-logs', s3ManagedEncryption: true, tags: { DataClass: 'network-logs' } });
    const json = JSON.parse(Testing.synth(s, true));
    const [sse] = Object.values(json.resource.aws_s3_bucket_server_side_encryption_configuration) as any[];
    expect(sse.rule).toEqual([{ apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } }]);
    const [bucket] = Object.values(json.resource.aws_s3_bucket) as any[];
    expect(bucket).toMatchObject({ bucket: 'access-logs', tags: { DataClass: 'network-logs' }, lifecycle: { prevent_destroy: true } });
  });

  const KEY = 'arn:aws:kms:us-east-1:111122223333:key/abcd';
  const kmsBucket = (props: Partial<SecureBucketProps> = {}) => {
    const s = awsStack();
    new SecureBucket(s, 'data', { bucketName: 'orders-data', kmsKeyArn: KEY, ...props });
    return synth(s);
  };

  test('SSE-KMS with the given key and a bucket key (fewer KMS calls)', () => {
    expect(only(kmsBucket(), S3BucketServerSideEncryptionConfigurationA.tfResourceType).rule).toEqual([
      { apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms', kms_master_key_id: KEY }, bucket_key_enabled: true },
    ]);
  });

  test('private: every public-access block on, ACLs disabled (bucket owner enforced)', () => {
    const out = kmsBucket();
    expect(only(out, S3BucketPublicAccessBlock.tfResourceType)).toMatchObject({
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
    expect(only(out, S3BucketOwnershipControls.tfResourceType).rule).toEqual({ object_ownership: 'BucketOwnerEnforced' });
  });

  test('versioned, and the lifecycle waits for versioning', () => {
    const out = kmsBucket();
    expect(only(out, S3BucketVersioningA.tfResourceType).versioning_configuration).toEqual({ status: 'Enabled' });
    expect(only(out, S3BucketLifecycleConfiguration.tfResourceType).depends_on).toEqual([address(out, S3BucketVersioningA.tfResourceType)]);
  });

  test('TLS-only: the policy denies plain HTTP to the bucket and its objects, extra statements follow', () => {
    const extra = {
      Sid: 'ReadForAudit',
      Effect: 'Allow' as const,
      Principal: { AWS: 'arn:aws:iam::111122223333:role/audit' },
      Action: 's3:GetObject',
      Resource: 'arn:aws:s3:::orders-data/*',
    };
    const out = kmsBucket({ policyStatements: [extra] });
    const arn = ref(out, S3Bucket.tfResourceType, 'arn');
    const policy = statements(only(out, S3BucketPolicy.tfResourceType).policy);
    expect(Object.keys(policy)).toEqual(['DenyInsecureTransport', 'ReadForAudit']);
    expect(policy.DenyInsecureTransport).toEqual({
      Sid: 'DenyInsecureTransport',
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:*',
      Resource: [arn, `${arn}/*`],
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    });
  });

  test.each([
    [{}, 90],
    [{ noncurrentVersionExpirationDays: 7 }, 7],
  ])('noncurrent versions expire (%j: after %i days), incomplete uploads after 7, extra rules follow', (props, days) => {
    const rules = only(
      kmsBucket({
        ...props,
        lifecycleRules: [{ id: 'expire', status: 'Enabled', filter: [{ prefix: 'tmp/' }], expiration: [{ days: 1 }] }],
      }),
      S3BucketLifecycleConfiguration.tfResourceType,
    ).rule;
    expect(rules.map((r: any) => r.id)).toEqual(['expire-noncurrent-versions', 'expire']);
    expect(rules[0]).toMatchObject({
      status: 'Enabled',
      noncurrent_version_expiration: [{ noncurrent_days: days }],
      abort_incomplete_multipart_upload: [{ days_after_initiation: 7 }],
    });
  });

  test.each([
    [undefined, false],
    [true, true],
  ])('object lock %s -> object_lock_enabled %s (it cannot be added later)', (objectLockEnabled, expected) => {
    expect(only(kmsBucket({ objectLockEnabled }), S3Bucket.tfResourceType).object_lock_enabled).toBe(expected);
  });

  test('a provider of another region places every part of the bucket there', () => {
    const s = awsStack();
    new SecureBucket(s, 'replica', { bucketName: 'orders-replica', kmsKeyArn: KEY, provider: regionProvider(s, PEER_REGION) });
    const out = synth(s);
    const types = [
      S3Bucket,
      S3BucketVersioningA,
      S3BucketServerSideEncryptionConfigurationA,
      S3BucketPublicAccessBlock,
      S3BucketOwnershipControls,
      S3BucketPolicy,
      S3BucketLifecycleConfiguration,
    ];
    for (const type of types) expect(only(out, type.tfResourceType).provider, type.tfResourceType).toBe(providerRef(PEER_REGION));
  });
});
