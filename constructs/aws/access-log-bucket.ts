import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import type { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import type { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { Construct } from 'constructs';
import type { DataClass } from '../../config/schema/retention.js';
import { SecureBucket } from './secure-bucket.js';

export interface AccessLogBucketProps {
  readonly bucketName: string;
  readonly accountId: string;
  /** How long access logs are kept (the retention table's figure for `dataClass`). */
  readonly retentionDays: number;
  readonly dataClass: DataClass;
  /** @default the stack's provider */
  readonly provider?: AwsProvider;
}

/**
 * Target of S3 server access logging: a SecureBucket with SSE-S3 (the only
 * encryption log delivery writes to), writable by the logging service for this
 * account only, expiring at the retention table's figure.
 */
export class AccessLogBucket extends Construct {
  readonly bucket: S3Bucket;
  /** The policy admitting log delivery: an `aws_s3_bucket_logging` into this bucket depends on it. */
  readonly policy: S3BucketPolicy;

  constructor(scope: Construct, id: string, props: AccessLogBucketProps) {
    super(scope, id);
    const logs = new SecureBucket(this, 'logs', {
      bucketName: props.bucketName,
      s3ManagedEncryption: true,
      tags: { DataClass: props.dataClass },
      noncurrentVersionExpirationDays: 1,
      lifecycleRules: [{ id: 'retention', status: 'Enabled', filter: [{ prefix: '' }], expiration: [{ days: props.retentionDays }] }],
      policyStatements: [
        {
          Sid: 'S3ServerAccessLogDelivery',
          Effect: 'Allow',
          Principal: { Service: 'logging.s3.amazonaws.com' },
          Action: 's3:PutObject',
          Resource: `arn:aws:s3:::${props.bucketName}/*`,
          Condition: { StringEquals: { 'aws:SourceAccount': props.accountId } },
        },
      ],
      provider: props.provider,
    });
    this.bucket = logs.bucket;
    this.policy = logs.policy;
  }
}
