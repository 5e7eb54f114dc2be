import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { S3BucketReplicationConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-replication-configuration';
import { Construct } from 'constructs';
import { policyDocument } from './iam-policy.js';
import type { SecureBucket } from './secure-bucket.js';

/** One end of a replication: a bucket, its key and its region. */
export interface ReplicationEnd {
  readonly bucket: SecureBucket;
  readonly keyArn: string;
  readonly region: string;
}

export interface BucketReplicationProps {
  /** IAM role S3 assumes to replicate (account-unique name). */
  readonly roleName: string;
  readonly source: ReplicationEnd;
  /**
   * The peer buckets, one rule each (priority in this order); replicas are
   * encrypted with each destination's key (the replica KMS key). At least one.
   */
  readonly destinations: readonly ReplicationEnd[];
  /** S3 Replication Time Control: 15-minute replication SLA and metrics. @default true */
  readonly replicationTimeControl?: boolean;
  /**
   * Replicate delete markers (never version deletions): for a bucket whose
   * current objects must match the source's, e.g. Terraform state and its lock
   * files. @default false
   */
  readonly replicateDeleteMarkers?: boolean;
  /**
   * Both buckets use Object Lock: the role also reads each version's retention
   * and legal hold, which replicas keep. @default false
   */
  readonly objectLock?: boolean;
  /** Provider of the source bucket's region. @default the stack's provider */
  readonly provider?: AwsProvider;
}

const RTC_MINUTES = 15;

/**
 * Replicates every new object version of `source` into each destination in
 * another region, re-encrypted with that destination's key. S3 does not
 * replicate replicas again, so buckets replicating to each other in a mesh
 * each receive every peer's originals exactly once. Deletions are NOT replicated
 * (delete markers only on request): a compromised or mistaken delete in one
 * region leaves the copy intact, and the destination's lifecycle expires
 * replicas on the same schedule as originals.
 */
export class BucketReplication extends Construct {
  readonly role: IamRole;
  readonly configuration: S3BucketReplicationConfigurationA;

  constructor(scope: Construct, id: string, props: BucketReplicationProps) {
    super(scope, id);
    const { source, destinations } = props;
    if (destinations.length === 0)
      throw new Error(`replication ${props.roleName}: no destination; name at least one bucket in another region`);
    for (const destination of destinations) {
      if (source.region === destination.region) {
        throw new Error(`replication ${props.roleName}: source and destination are both in ${source.region}; replicate to another region`);
      }
    }
    // One destination keeps the single-value form of the policy it always had.
    const oneOrMany = (values: string[]): string | string[] => (values.length === 1 ? (values[0] ?? values) : values);
    this.role = new IamRole(this, 'role', {
      name: props.roleName,
      assumeRolePolicy: policyDocument([{ Effect: 'Allow', Principal: { Service: 's3.amazonaws.com' }, Action: 'sts:AssumeRole' }]),
    });
    new IamRolePolicy(this, 'policy', {
      role: this.role.id,
      name: 'replicate',
      policy: policyDocument([
        {
          Sid: 'ReadSourceConfiguration',
          Effect: 'Allow',
          Action: ['s3:GetReplicationConfiguration', 's3:ListBucket'],
          Resource: source.bucket.arn,
        },
        {
          Sid: 'ReadSourceVersions',
          Effect: 'Allow',
          Action: [
            's3:GetObjectVersionForReplication',
            's3:GetObjectVersionAcl',
            's3:GetObjectVersionTagging',
            ...(props.objectLock ? ['s3:GetObjectRetention', 's3:GetObjectLegalHold'] : []),
          ],
          Resource: `${source.bucket.arn}/*`,
        },
        {
          Sid: 'WriteReplicas',
          Effect: 'Allow',
          // S3 writes a replicated delete marker with s3:ReplicateDelete; without it the marker's replication fails.
          Action: ['s3:ReplicateObject', 's3:ReplicateTags', ...(props.replicateDeleteMarkers ? ['s3:ReplicateDelete'] : [])],
          Resource: oneOrMany(destinations.map((d) => `${d.bucket.arn}/*`)),
        },
        {
          Sid: 'DecryptSource',
          Effect: 'Allow',
          Action: 'kms:Decrypt',
          Resource: source.keyArn,
          Condition: { StringEquals: { 'kms:ViaService': `s3.${source.region}.amazonaws.com` } },
        },
        {
          Sid: 'EncryptReplicas',
          Effect: 'Allow',
          Action: ['kms:Encrypt', 'kms:GenerateDataKey'],
          Resource: oneOrMany(destinations.map((d) => d.keyArn)),
          // Each key is regional: listing every destination's S3 lets each key be used only through its own region's S3.
          Condition: { StringEquals: { 'kms:ViaService': oneOrMany(destinations.map((d) => `s3.${d.region}.amazonaws.com`)) } },
        },
      ]),
    });
    const rtc = props.replicationTimeControl ?? true;
    this.configuration = new S3BucketReplicationConfigurationA(this, 'configuration', {
      bucket: source.bucket.bucket.id,
      role: this.role.arn,
      rule: destinations.map((destination, i) => ({
        id: `to-${destination.region}`,
        status: 'Enabled',
        priority: i + 1,
        filter: { prefix: '' },
        deleteMarkerReplication: { status: props.replicateDeleteMarkers ? 'Enabled' : 'Disabled' },
        sourceSelectionCriteria: { sseKmsEncryptedObjects: { status: 'Enabled' } },
        destination: {
          bucket: destination.bucket.arn,
          storageClass: 'STANDARD',
          encryptionConfiguration: { replicaKmsKeyId: destination.keyArn },
          replicationTime: rtc ? { status: 'Enabled', time: { minutes: RTC_MINUTES } } : undefined,
          metrics: rtc ? { status: 'Enabled', eventThreshold: { minutes: RTC_MINUTES } } : undefined,
        },
      })),
      // S3 rejects replication unless both ends are versioned.
      dependsOn: [source.bucket.versioning, ...destinations.map((d) => d.bucket.versioning)],
      provider: props.provider,
    });
  }
}
