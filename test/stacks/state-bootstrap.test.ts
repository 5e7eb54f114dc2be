import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { describe, expect, test } from 'vitest';
import { resourcesOf, stackJson, synthStack } from '../support/platform.js';

const STACK = 'prod-global-state';

describe('state bootstrap stack', () => {
  test('creates the state bucket named after the environment and account, protected from destroy', () => {
    expect(synthStack(STACK)).toHaveResourceWithProperties(S3Bucket, {
      bucket: 'tradesense-prod-tfstate-410987654321',
      lifecycle: { prevent_destroy: true },
    });
  });

  test('versions, encrypts with a rotating customer key and blocks public access', () => {
    const text = synthStack(STACK);
    expect(text).toHaveResourceWithProperties(S3BucketVersioningA, { versioning_configuration: { status: 'Enabled' } });
    const [sse] = resourcesOf(STACK, S3BucketServerSideEncryptionConfigurationA.tfResourceType);
    expect(sse.rule[0].apply_server_side_encryption_by_default).toMatchObject({ sse_algorithm: 'aws:kms', kms_master_key_id: expect.stringMatching(/^\$\{aws_kms_key\..+\.arn\}$/) });
    expect(text).toHaveResourceWithProperties(KmsKey, { enable_key_rotation: true, lifecycle: { prevent_destroy: true } });
    expect(text).toHaveResourceWithProperties(S3BucketPublicAccessBlock, {
      block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true,
    });
  });

  test('denies non-TLS access and expires noncurrent versions after a year', () => {
    const [policy] = resourcesOf(STACK, 'aws_s3_bucket_policy');
    const doc = JSON.parse(policy.policy);
    expect(doc.Statement).toContainEqual(expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }));
    const [lifecycle] = resourcesOf(STACK, S3BucketLifecycleConfiguration.tfResourceType);
    expect(lifecycle.rule).toContainEqual(expect.objectContaining({ status: 'Enabled', noncurrent_version_expiration: [{ noncurrent_days: 365 }] }));
  });

  test('keeps its own state locally (the bucket does not exist before it)', () => {
    expect(stackJson(STACK).terraform.backend).toEqual({ local: { path: 'terraform.tfstate' } });
  });
});
