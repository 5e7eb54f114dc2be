import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { Construct } from 'constructs';
import type { DataClass } from '../../config/schema/retention.js';
import { policyDocument, tlsOnlyStatement } from './iam-policy.js';

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
 * Target of S3 server access logging. The one bucket that is not SSE-KMS:
 * S3 log delivery supports only SSE-S3 on its target bucket, so SecureBucket
 * (KMS-only) cannot serve. Otherwise as hardened: private, versioned, TLS-only,
 * owner-enforced, expiring at the retention table's figure, kept on destroy.
 */
export class AccessLogBucket extends Construct {
  readonly bucket: S3Bucket;

  constructor(scope: Construct, id: string, props: AccessLogBucketProps) {
    super(scope, id);
    const provider = props.provider;
    this.bucket = new S3Bucket(this, 'bucket', {
      bucket: props.bucketName,
      tags: { DataClass: props.dataClass },
      provider,
      lifecycle: { preventDestroy: true },
    });
    const bucket = this.bucket.id;
    const versioning = new S3BucketVersioningA(this, 'versioning', { bucket, versioningConfiguration: { status: 'Enabled' }, provider });
    new S3BucketServerSideEncryptionConfigurationA(this, 'encryption', {
      bucket,
      rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }],
      provider,
    });
    new S3BucketPublicAccessBlock(this, 'public-access-block', {
      bucket,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
      provider,
    });
    new S3BucketOwnershipControls(this, 'ownership', { bucket, rule: { objectOwnership: 'BucketOwnerEnforced' }, provider });
    new S3BucketPolicy(this, 'policy', {
      bucket,
      policy: policyDocument([
        tlsOnlyStatement(this.bucket.arn),
        {
          Sid: 'S3ServerAccessLogDelivery',
          Effect: 'Allow',
          Principal: { Service: 'logging.s3.amazonaws.com' },
          Action: 's3:PutObject',
          Resource: `${this.bucket.arn}/*`,
          Condition: { StringEquals: { 'aws:SourceAccount': props.accountId } },
        },
      ]),
      provider,
    });
    new S3BucketLifecycleConfiguration(this, 'lifecycle', {
      bucket,
      rule: [
        {
          id: 'retention',
          status: 'Enabled',
          filter: [{ prefix: '' }],
          expiration: [{ days: props.retentionDays }],
          noncurrentVersionExpiration: [{ noncurrentDays: 1 }],
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
        },
      ],
      dependsOn: [versioning],
      provider,
    });
  }
}
