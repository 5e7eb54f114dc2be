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
    expect(sse.rule[0].apply_server_side_encryption_by_default).toMatchObject({
      sse_algorithm: 'aws:kms',
      kms_master_key_id: expect.stringMatching(/^\$\{aws_kms_key\..+\.arn\}$/),
    });
    expect(text).toHaveResourceWithProperties(KmsKey, { enable_key_rotation: true, lifecycle: { prevent_destroy: true } });
    expect(text).toHaveResourceWithProperties(S3BucketPublicAccessBlock, {
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
  });

  test('denies non-TLS access and expires noncurrent versions after a year', () => {
    const [policy] = resourcesOf(STACK, 'aws_s3_bucket_policy');
    const doc = JSON.parse(policy.policy);
    expect(doc.Statement).toContainEqual(
      expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    );
    const [lifecycle] = resourcesOf(STACK, S3BucketLifecycleConfiguration.tfResourceType);
    expect(lifecycle.rule).toContainEqual(
      expect.objectContaining({ status: 'Enabled', noncurrent_version_expiration: [{ noncurrent_days: 365 }] }),
    );
  });

  test('after bootstrap keeps its own state in the bucket it created, like every stack (no local state under cdktf.out)', () => {
    expect(stackJson(STACK).terraform.backend).toEqual({
      s3: {
        bucket: 'tradesense-prod-tfstate-410987654321',
        key: 'prod-global-state/terraform.tfstate',
        region: 'us-east-1',
        encrypt: true,
        kms_key_id: 'arn:aws:kms:us-east-1:410987654321:alias/prod-terraform-state',
        use_lockfile: true,
      },
    });
    expect(resourcesOf(STACK, 'aws_kms_alias').map((a) => a.name)).toContain('alias/prod-terraform-state');
  });

  test('replicates the state to the secondary region with its own key under the same alias, delete markers included', () => {
    const buckets = resourcesOf(STACK, S3Bucket.tfResourceType);
    const replica = buckets.find((b) => b.bucket === 'tradesense-prod-tfstate-410987654321-us-west-2');
    expect(replica).toMatchObject({ provider: 'aws.us-west-2', lifecycle: { prevent_destroy: true } });
    const aliases = resourcesOf(STACK, 'aws_kms_alias');
    expect(aliases.find((a) => a.provider === 'aws.us-west-2')).toMatchObject({ name: 'alias/prod-terraform-state' });
    const [replication] = resourcesOf(STACK, 'aws_s3_bucket_replication_configuration');
    expect(replication.bucket).toMatch(/aws_s3_bucket\.state-bucket_/);
    expect(replication.rule[0]).toMatchObject({
      // Terraform deletes its lock file after every run; without the marker the replica would stay locked.
      delete_marker_replication: { status: 'Enabled' },
      destination: {
        bucket: expect.stringMatching(/aws_s3_bucket\.state-replica-bucket_/),
        encryption_configuration: { replica_kms_key_id: expect.stringMatching(/aws_kms_key\.state-replica-key_/) },
      },
    });
  });

  test('an environment with one region has no replica', () => {
    expect(resourcesOf('dev-global-state', S3Bucket.tfResourceType)).toHaveLength(1);
    expect(resourcesOf('dev-global-state', 'aws_s3_bucket_replication_configuration')).toEqual([]);
  });
});
