import { S3BucketObjectLockConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-object-lock-configuration';
import { TerraformOutput } from 'cdktf';
import type { Construct } from 'constructs';
import { clusterFacts } from '../config/derive/facts.js';
import { solePeer } from '../config/derive/regions.js';
import { retentionDays } from '../config/derive/retention.js';
import { clusterTargets } from '../config/derive/targets.js';
import type { AwsRegion } from '../config/reference/aws-regions.js';
import type { PlatformConfig } from '../config/schema/platform.js';
import { CustomerKey } from '../constructs/aws/kms-key.js';
import { BucketReplication, type ReplicationEnd } from '../constructs/aws/replicated-bucket.js';
import { SecureBucket } from '../constructs/aws/secure-bucket.js';
import { PlatformStack } from './platform-stack.js';

/**
 * `<env>-<primary-region>-velero-storage`: one Velero bucket per cluster region
 * (named by clusterFacts), each replicating into the other region's bucket. Both
 * buckets and both directions live in one stack (aliased provider), so the two
 * versioned buckets exist before either replication rule is applied.
 *
 * Restoring primary backups in the replica cluster: replicas keep their object
 * keys, so with each cluster's BackupStorageLocation prefix set to its cluster
 * name the replica's own bucket holds the primary's backups under the primary's
 * prefix; a read-only location on that prefix lists and restores them. The Velero
 * role (stacks/cluster.ts) writes only its own prefix of its own bucket, reads
 * both buckets and decrypts through S3 with any key of the account, which covers
 * the replica key.
 *
 * Object Lock in governance mode, for the backup retention: no version can be
 * permanently deleted, overwritten or expired by lifecycle before it is that
 * old, so a compromised cluster or a broken lifecycle rule cannot erase backups
 * inside the retention window (a delete only adds a delete marker). Governance,
 * not compliance: an administrator holding s3:BypassGovernanceRetention can
 * still erase a backup early (a GDPR erasure request, a mistaken retention);
 * compliance mode would forbid that. Replicas keep their source's retention, so
 * both ends of the replication are locked. Lifecycle still expires current
 * versions at retention + grace and removes noncurrent ones once unlocked.
 * Velero (CRC32 checksums) and its Kopia repository (Content-MD5) send the
 * integrity header S3 requires on uploads to a locked bucket.
 */
export class VeleroStorageStack extends PlatformStack {
  readonly buckets = new Map<AwsRegion, ReplicationEnd>();

  constructor(scope: Construct, config: PlatformConfig, envName: string) {
    const env = config.environments[envName];
    if (!env) throw new Error(`velero storage stack: unknown environment '${envName}'`);
    super(scope, { config, envName, region: env.regions.primary.region, kind: 'velero-storage', tags: { Service: 'velero' } });
    const settings = config.data[envName]?.velero;
    if (!settings) throw new Error(`stack ${this.node.id}: no data.${envName}.velero in config; add its Velero storage settings`);
    const retention = retentionDays(config, 'backups');
    const targets = clusterTargets(config).filter((t) => t.envName === envName);

    for (const target of targets) {
      const facts = clusterFacts(config, target);
      const provider = this.providerFor(target.region);
      const key = new CustomerKey(this, `key-${target.region}`, {
        accountId: this.accountId,
        alias: `${facts.clusterName}-velero`,
        description: `Velero backups of ${facts.clusterName} and the replicas of its peer's`,
        provider,
      });
      const bucket = new SecureBucket(this, `bucket-${target.region}`, {
        bucketName: facts.veleroBucket,
        kmsKeyArn: key.arn,
        noncurrentVersionExpirationDays: settings.deletedBackupGraceDays,
        // Object Lock is set at creation (an existing bucket needs it enabled out of band first).
        objectLockEnabled: true,
        // Velero expires backups at their TTL; this catches orphans and replicas, which Velero never deletes.
        lifecycleRules: [{
          id: 'expire-after-retention',
          status: 'Enabled',
          filter: [{ prefix: '' }],
          expiration: [{ days: retention + settings.deletedBackupGraceDays }],
        }],
        provider,
      });
      new S3BucketObjectLockConfigurationA(this, `object-lock-${target.region}`, {
        bucket: bucket.bucket.id,
        rule: { defaultRetention: { mode: 'GOVERNANCE', days: retention } },
        provider,
      });
      this.buckets.set(target.region, { bucket, keyArn: key.arn, region: target.region });
      new TerraformOutput(this, `bucket_${target.region.replace(/-/g, '_')}`, { value: bucket.name });
    }

    for (const target of targets) {
      const source = this.buckets.get(target.region);
      const peer = solePeer(target, 'Velero bucket replication');
      const destination = peer ? this.buckets.get(peer) : undefined;
      if (!source || !destination) continue;
      new BucketReplication(this, `replication-${target.region}`, {
        roleName: `${envName}-${target.region}-velero-replication`,
        source,
        destination,
        replicationTimeControl: settings.replicationTimeControl,
        objectLock: true,
        provider: this.providerFor(target.region),
      });
    }
  }
}
