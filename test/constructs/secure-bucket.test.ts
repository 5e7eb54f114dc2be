import { Testing, type App } from 'cdktf';
import { describe, expect, test } from 'vitest';
import { SecureBucket } from '../../constructs/aws/secure-bucket.js';
import { PlatformStack } from '../../stacks/platform-stack.js';
import { platformConfig } from '../support/platform.js';

const stack = () => new PlatformStack(Testing.app() as App, { config: platformConfig(), envName: 'dev', region: 'us-east-1', kind: 'bucket-test' });

describe('SecureBucket', () => {
  test('needs exactly one encryption choice, naming the bucket and the fix', () => {
    expect(() => new SecureBucket(stack(), 'b', { bucketName: 'neither' })).toThrow(/SecureBucket neither: give kmsKeyArn \(SSE-KMS\), or s3ManagedEncryption/);
    expect(() => new SecureBucket(stack(), 'b', { bucketName: 'both', kmsKeyArn: 'arn:aws:kms:us-east-1:1:key/x', s3ManagedEncryption: true })).toThrow(/not both or neither/);
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
});
