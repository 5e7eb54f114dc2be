import { S3BucketObjectLockConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-object-lock-configuration';
import { TerraformOutput } from 'cdktf';
import type { Construct } from 'constructs';
import type { VeleroStorageLayout } from '../config/derive/data-layouts.js';
import type { StackEnvironment } from '../config/derive/stack-environment.js';
import type { AwsRegion } from '../config/reference/aws-regions.js';
import { CustomerKey } from '../constructs/aws/kms-key.js';
import { BucketReplication, type ReplicationEnd } from '../constructs/aws/replicated-bucket.js';
import { SecureBucket } from '../constructs/aws/secure-bucket.js';
import { PlatformStack } from './platform-stack.js';

/** The buckets, retention and replication settings come from config/derive/data-layouts.ts `veleroStorageLayout`. */
export interface VeleroStorageStackProps extends VeleroStorageLayout {
  readonly environment: StackEnvironment;
}

/**
 * `<env>-<primary-region>-velero-storage`: one Velero bucket per cluster region
 * (named by clusterFacts), each replicating into every other region's bucket
 * (one rule per peer). Every bucket and every direction live in one stack
 * (aliased providers), so all versioned buckets exist before any replication
 * rule is applied.
 *
 * Restoring a peer's backups in any cluster: replicas keep their object keys,
 * so with each cluster's BackupStorageLocation prefix set to its cluster name a
 * region's own bucket holds each peer's backups under that peer's prefix; a
 * read-only location on that prefix lists and restores them. The Velero role
 * (stacks/cluster.ts) writes only its own prefix of its own bucket, reads the
 * buckets and decrypts through S3 with any key of the account, which covers
 * the replica keys.
 *
 * Object Lock in governance mode, for the backup retention: no version can be
 * permanently deleted, overwritten or expired by lifecycle before it is that
 * old, so a compromised cluster or a broken lifecycle rule cannot erase backups
 * inside the retention window (a delete only adds a delete marker). Governance,
 * not compliance: an administrator holding s3:BypassGovernanceRetention can
 * still erase a backup early (a GDPR erasure request, a mistaken retention);
 * compliance mode would forbid that. Replicas keep their source's retention, so
 * every end of the replication is locked. Lifecycle still expires current
 * versions at retention + grace and removes noncurrent ones once unlocked.
 * Velero (CRC32 checksums) and its Kopia repository (Content-MD5) send the
 * integrity header S3 requires on uploads to a locked bucket.
 */
export class VeleroStorageStack extends PlatformStack {
  readonly buckets = new Map<AwsRegion, ReplicationEnd>();

  constructor(scope: Construct, id: string, props: VeleroStorageStackProps) {
    const [home] = props.buckets;
    if (!home) throw new Error(`velero storage stack ${id}: no cluster region; give it the environment's buckets`);
    super(scope, { environment: props.environment, region: home.region, kind: 'velero-storage', tags: { Service: 'velero' } }, id);
    const envName = this.envName;
    const retention = props.retentionDays;
    const peers = props.buckets.length > 2 ? "its peers'" : "its peer's";

    for (const { region, bucketName, clusterName } of props.buckets) {
      const provider = this.providerFor(region);
      const key = new CustomerKey(this, `key-${region}`, {
        accountId: this.accountId,
        alias: `${clusterName}-velero`,
        description: `Velero backups of ${clusterName} and the replicas of ${peers}`,
        provider,
      });
      const bucket = new SecureBucket(this, `bucket-${region}`, {
        bucketName,
        kmsKeyArn: key.arn,
        noncurrentVersionExpirationDays: props.deletedBackupGraceDays,
        // Object Lock is set at creation (an existing bucket needs it enabled out of band first).
        objectLockEnabled: true,
        // Velero expires backups at their TTL; this catches orphans and replicas, which Velero never deletes.
        lifecycleRules: [
          {
            id: 'expire-after-retention',
            status: 'Enabled',
            filter: [{ prefix: '' }],
            expiration: [{ days: retention + props.deletedBackupGraceDays }],
          },
        ],
        provider,
      });
      new S3BucketObjectLockConfigurationA(this, `object-lock-${region}`, {
        bucket: bucket.bucket.id,
        rule: { defaultRetention: { mode: 'GOVERNANCE', days: retention } },
        provider,
      });
      this.buckets.set(region, { bucket, keyArn: key.arn, region });
      new TerraformOutput(this, `bucket_${region.replace(/-/g, '_')}`, { value: bucket.name });
    }

    for (const [region, source] of this.buckets) {
      // Every peer, primary first: each bucket receives every other region's originals directly.
      const destinations = [...this.buckets.values()].filter((peer) => peer.region !== region);
      if (destinations.length === 0) continue;
      new BucketReplication(this, `replication-${region}`, {
        roleName: `${envName}-${region}-velero-replication`,
        source,
        destinations,
        replicationTimeControl: props.replicationTimeControl,
        objectLock: true,
        provider: this.providerFor(region),
      });
    }
  }
}
