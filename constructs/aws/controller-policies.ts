import type { Controller } from '../../config/derive/facts.js';
import type { PolicyStatement } from './iam-policy.js';
import { karpenterStatements } from './karpenter-policy.js';

/** Where Velero keeps its backups: its own bucket and prefix, and the peer regions' buckets. */
export interface VeleroStorageScope {
  /** This region's bucket (ClusterFacts.veleroBucket). */
  readonly bucket: string;
  /** This cluster's prefix in it (its BackupStorageLocation prefix, the cluster name). */
  readonly prefix: string;
  /** The other regions' buckets, each holding replicas of this cluster's backups. @default [] (one-region environment) */
  readonly peerBuckets?: readonly string[];
}

export interface ControllerScope {
  readonly accountId: string;
  readonly region: string;
  readonly clusterName: string;
  readonly nodeRoleArn: string;
  /** The key of the nodes' EBS volumes: Karpenter launches instances encrypted with it. */
  readonly volumeKeyArn: string;
  readonly velero: VeleroStorageScope;
  /** Secrets Manager name prefixes External Secrets may read (ClusterFacts.secretPrefixes). */
  readonly secretPrefixes: readonly string[];
}

/**
 * The IAM permissions of each controller that talks to AWS, scoped to this
 * cluster's account, region and resources. `*` resources appear only for
 * actions AWS cannot scope (Describe*, pricing) or that a tag condition scopes.
 */
export function controllerStatements(controller: Controller, s: ControllerScope): PolicyStatement[] {
  switch (controller) {
    case 'external-secrets':
      return [
        {
          Sid: 'ReadEnvironmentSecrets',
          Effect: 'Allow',
          Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret', 'secretsmanager:ListSecretVersionIds'],
          Resource: s.secretPrefixes.map((prefix) => `arn:aws:secretsmanager:${s.region}:${s.accountId}:secret:${prefix}*`),
        },
        // Finding the RDS-managed secret by its tag needs ListSecrets, which has no resource-level scoping.
        { Sid: 'FindSecretsByTag', Effect: 'Allow', Action: 'secretsmanager:ListSecrets', Resource: '*' },
        {
          Sid: 'DecryptThroughSecretsManager',
          Effect: 'Allow',
          Action: 'kms:Decrypt',
          Resource: `arn:aws:kms:${s.region}:${s.accountId}:key/*`,
          Condition: { StringEquals: { 'kms:ViaService': `secretsmanager.${s.region}.amazonaws.com` } },
        },
      ];
    case 'velero':
      return veleroStatements(s);
    case 'karpenter':
      return karpenterStatements(s);
  }
}

/**
 * Velero writes and deletes only under its own prefix of its own bucket. The
 * replicas of the peer clusters' backups (same bucket, their prefixes) and
 * every peer region's bucket, each holding this cluster's replicas, are
 * read-only: a compromised cluster cannot erase another copy of anything.
 */
function veleroStatements(s: ControllerScope): PolicyStatement[] {
  const { bucket, prefix, peerBuckets = [] } = s.velero;
  const readable = [bucket, ...peerBuckets];
  return [
    {
      Sid: 'WriteOwnBackups',
      Effect: 'Allow',
      Action: ['s3:PutObject', 's3:DeleteObject', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts'],
      Resource: `arn:aws:s3:::${bucket}/${prefix}/*`,
    },
    { Sid: 'ReadBackupsAndReplicas', Effect: 'Allow', Action: 's3:GetObject', Resource: readable.map((b) => `arn:aws:s3:::${b}/*`) },
    { Sid: 'ListBackups', Effect: 'Allow', Action: 's3:ListBucket', Resource: readable.map((b) => `arn:aws:s3:::${b}`) },
    {
      Sid: 'DescribeVolumesAndSnapshots',
      Effect: 'Allow',
      Action: ['ec2:DescribeVolumes', 'ec2:DescribeSnapshots'],
      Resource: '*',
      Condition: { StringEquals: { 'aws:RequestedRegion': s.region } },
    },
    {
      Sid: 'SnapshotAndRestoreVolumes',
      Effect: 'Allow',
      Action: ['ec2:CreateSnapshot', 'ec2:CreateVolume'],
      Resource: [`arn:aws:ec2:${s.region}:${s.accountId}:volume/*`, `arn:aws:ec2:${s.region}::snapshot/*`],
    },
    // Velero tags snapshots and restored volumes in the create call (TagSpecifications), never afterwards.
    {
      Sid: 'TagOnCreate',
      Effect: 'Allow',
      Action: 'ec2:CreateTags',
      Resource: [`arn:aws:ec2:${s.region}:${s.accountId}:volume/*`, `arn:aws:ec2:${s.region}::snapshot/*`],
      Condition: { StringEquals: { 'ec2:CreateAction': ['CreateSnapshot', 'CreateVolume'] } },
    },
    // Only snapshots Velero took: they carry the backup's name.
    {
      Sid: 'DeleteOwnSnapshots',
      Effect: 'Allow',
      Action: 'ec2:DeleteSnapshot',
      Resource: `arn:aws:ec2:${s.region}::snapshot/*`,
      Condition: { StringLike: { 'aws:ResourceTag/velero.io/backup': '*' } },
    },
    {
      Sid: 'EncryptedObjectsAndSnapshots',
      Effect: 'Allow',
      Action: ['kms:Decrypt', 'kms:GenerateDataKey', 'kms:CreateGrant', 'kms:DescribeKey'],
      Resource: `arn:aws:kms:*:${s.accountId}:key/*`,
      Condition: { StringLike: { 'kms:ViaService': ['s3.*.amazonaws.com', 'ec2.*.amazonaws.com'] } },
    },
  ];
}
