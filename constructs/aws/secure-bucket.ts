import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import {
  S3BucketLifecycleConfiguration,
  type S3BucketLifecycleConfigurationRule,
} from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { Construct } from 'constructs';
import { policyDocument, tlsOnlyStatement, type PolicyStatement } from './iam-policy.js';

export interface SecureBucketProps {
  readonly bucketName: string;
  /** ARN of the customer-managed key for SSE-KMS. Required unless `s3ManagedEncryption`. */
  readonly kmsKeyArn?: string;
  /**
   * SSE-S3 instead of SSE-KMS. Only for targets of S3 server access logging:
   * log delivery writes to nothing else.
   * @default false
   */
  readonly s3ManagedEncryption?: boolean;
  /** Tags beside the provider's default tags (e.g. `DataClass`). @default {} */
  readonly tags?: Record<string, string>;
  /** Days before noncurrent object versions expire. @default 90 */
  readonly noncurrentVersionExpirationDays?: number;
  /** Extra lifecycle rules (current-version expiry, transitions). @default [] */
  readonly lifecycleRules?: S3BucketLifecycleConfigurationRule[];
  /** Further bucket-policy statements beside the TLS-only deny. @default [] */
  readonly policyStatements?: PolicyStatement[];
  /** Enables S3 Object Lock at creation (it cannot be added later). @default false */
  readonly objectLockEnabled?: boolean;
  /** @default the stack's provider */
  readonly provider?: AwsProvider;
}

/**
 * An S3 bucket that is private, versioned, KMS-encrypted, TLS-only, owned by the
 * bucket owner, expires old versions, and survives `terraform destroy`.
 */
export class SecureBucket extends Construct {
  readonly bucket: S3Bucket;
  readonly versioning: S3BucketVersioningA;
  /** The bucket policy: whatever a service delivers into the bucket must depend on it. */
  readonly policy: S3BucketPolicy;
  readonly arn: string;
  readonly name: string;

  constructor(scope: Construct, id: string, props: SecureBucketProps) {
    super(scope, id);
    if (Boolean(props.kmsKeyArn) === Boolean(props.s3ManagedEncryption)) {
      throw new Error(
        `SecureBucket ${props.bucketName}: give kmsKeyArn (SSE-KMS), or s3ManagedEncryption for an access-log target, not both or neither`,
      );
    }
    const provider = props.provider;
    this.bucket = new S3Bucket(this, 'bucket', {
      bucket: props.bucketName,
      tags: props.tags,
      objectLockEnabled: props.objectLockEnabled ?? false,
      provider,
      lifecycle: { preventDestroy: true },
    });
    this.arn = this.bucket.arn;
    this.name = this.bucket.bucket;
    const bucket = this.bucket.id;
    this.versioning = new S3BucketVersioningA(this, 'versioning', {
      bucket,
      versioningConfiguration: { status: 'Enabled' },
      provider,
    });
    new S3BucketServerSideEncryptionConfigurationA(this, 'encryption', {
      bucket,
      rule: [
        props.kmsKeyArn
          ? { applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: props.kmsKeyArn }, bucketKeyEnabled: true }
          : { applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } },
      ],
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
    this.policy = new S3BucketPolicy(this, 'policy', {
      bucket,
      policy: policyDocument([tlsOnlyStatement(this.bucket.arn), ...(props.policyStatements ?? [])]),
      provider,
    });
    new S3BucketLifecycleConfiguration(this, 'lifecycle', {
      bucket,
      rule: [
        {
          id: 'expire-noncurrent-versions',
          status: 'Enabled',
          filter: [{ prefix: '' }],
          noncurrentVersionExpiration: [{ noncurrentDays: props.noncurrentVersionExpirationDays ?? 90 }],
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
        },
        ...(props.lifecycleRules ?? []),
      ],
      dependsOn: [this.versioning],
      provider,
    });
  }
}
