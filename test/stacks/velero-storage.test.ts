import { describe, expect, test } from 'vitest';
import { clusterFacts } from '../../config/derive/facts.js';
import { environmentRegions } from '../../config/derive/regions.js';
import { clusterTargets } from '../../config/derive/targets.js';
import { platformConfig, resourcesOf, stackJson } from '../support/platform.js';

const prodEnv = () => {
  const env = platformConfig().environments.prod;
  if (!env) throw new Error('no prod');
  return env;
};
const PROD = `prod-${prodEnv().regions.primary.region}-velero-storage`;
const prodRegions = () => [...environmentRegions(prodEnv())].sort();
const graceDays = () => platformConfig().data.prod?.velero.deletedBackupGraceDays;

function regionOf(stack: string, resource: Record<string, any>): string {
  const alias = typeof resource.provider === 'string' ? resource.provider.replace(/^aws\.?/, '') : '';
  return (stackJson(stack).provider.aws as Record<string, any>[]).find((p) => (p.alias ?? '') === alias)?.region;
}

const bucketsOf = (stack: string) =>
  Object.entries<Record<string, any>>(stackJson(stack).resource.aws_s3_bucket ?? {}).map(([name, b]): Record<string, any> => ({
    ...b,
    name,
    region: regionOf(stack, b),
  }));

describe('velero storage stack', () => {
  test('one bucket per cluster region, named by clusterFacts', () => {
    const config = platformConfig();
    const expected = clusterTargets(config)
      .filter((t) => t.envName === 'prod')
      .map((t) => [clusterFacts(config, t).veleroBucket, t.region]);
    expect(
      bucketsOf(PROD)
        .map((b) => [b.bucket, b.region])
        .sort(),
    ).toEqual(expected.sort());
    expect(bucketsOf(PROD).every((b) => b.lifecycle?.prevent_destroy === true)).toBe(true);
  });

  test('every bucket of the replication mesh is versioned, KMS-encrypted and private', () => {
    for (const type of [
      'aws_s3_bucket_versioning',
      'aws_s3_bucket_server_side_encryption_configuration',
      'aws_s3_bucket_public_access_block',
    ]) {
      expect(
        resourcesOf(PROD, type)
          .map((r) => regionOf(PROD, r))
          .sort(),
      ).toEqual(prodRegions());
    }
    for (const v of resourcesOf(PROD, 'aws_s3_bucket_versioning')) expect(v.versioning_configuration.status).toBe('Enabled');
  });

  test('each bucket replicates into every peer region, re-encrypted with the replica key, within 15 minutes, deletions not replicated', () => {
    const buckets = bucketsOf(PROD);
    const json = stackJson(PROD);
    const configs = resourcesOf(PROD, 'aws_s3_bucket_replication_configuration');
    expect(configs).toHaveLength(prodRegions().length);
    for (const c of configs) {
      const source = buckets.find((b) => c.bucket.includes(`aws_s3_bucket.${b.name}.`));
      expect(c.rule).toHaveLength(prodRegions().length - 1);
      const [rule] = c.rule;
      const destination = buckets.find((b) => rule.destination.bucket.includes(`aws_s3_bucket.${b.name}.`));
      expect(source?.region).toBe(regionOf(PROD, c));
      expect(destination?.region).not.toBe(source?.region);
      const key = /aws_kms_key\.([\w-]+)\.arn/.exec(rule.destination.encryption_configuration.replica_kms_key_id)?.[1] ?? '';
      expect(regionOf(PROD, json.resource.aws_kms_key[key])).toBe(destination?.region);
      expect(rule).toMatchObject({
        status: 'Enabled',
        delete_marker_replication: { status: 'Disabled' },
        source_selection_criteria: { sse_kms_encrypted_objects: { status: 'Enabled' } },
        destination: { replication_time: { status: 'Enabled', time: { minutes: 15 } }, metrics: { status: 'Enabled' } },
      });
      expect(c.depends_on).toHaveLength(prodRegions().length);
      expect(c.role).toMatch(/aws_iam_role\.replication/);
    }
  });

  test('the replication roles read the source and write replicas only, with KMS scoped per region', () => {
    for (const policy of resourcesOf(PROD, 'aws_iam_role_policy').map((p) => JSON.parse(p.policy))) {
      const sids = policy.Statement.map((s: any) => s.Sid);
      expect(sids).toEqual(['ReadSourceConfiguration', 'ReadSourceVersions', 'WriteReplicas', 'DecryptSource', 'EncryptReplicas']);
      expect(policy.Statement.every((s: any) => s.Resource !== '*')).toBe(true);
    }
  });

  test('objects expire after the backup retention plus the grace period; deleted versions after the grace period', () => {
    const days = platformConfig().retention.backups.retentionDays;
    for (const lifecycle of resourcesOf(PROD, 'aws_s3_bucket_lifecycle_configuration')) {
      expect(lifecycle.rule).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ id: 'expire-after-retention', expiration: [{ days: days + (graceDays() ?? 0) }] }),
          expect.objectContaining({ id: 'expire-noncurrent-versions', noncurrent_version_expiration: [{ noncurrent_days: graceDays() }] }),
        ]),
      );
    }
  });

  test('the Velero role of each cluster (cluster stack) reads both buckets: a primary backup restores in the secondary', () => {
    const buckets = bucketsOf(PROD).map((b) => b.bucket);
    const policies = resourcesOf('prod-us-west-2-cluster', 'aws_iam_role_policy')
      .map((p) => p.policy)
      .filter((p) => p.includes('ReadBackupsAndReplicas'));
    expect(policies).toHaveLength(1);
    const read = JSON.parse(policies[0]).Statement.find((st: any) => st.Sid === 'ReadBackupsAndReplicas');
    expect(read.Resource.sort()).toEqual(buckets.map((b) => `arn:aws:s3:::${b}/*`).sort());
  });

  test('every bucket is created with Object Lock in governance mode for the backup retention', () => {
    const days = platformConfig().retention.backups.retentionDays;
    expect(bucketsOf(PROD).every((b) => b.object_lock_enabled === true)).toBe(true);
    const locks = resourcesOf(PROD, 'aws_s3_bucket_object_lock_configuration');
    expect(locks.map((l) => regionOf(PROD, l)).sort()).toEqual(prodRegions());
    for (const lock of locks) expect(lock.rule).toEqual({ default_retention: { mode: 'GOVERNANCE', days } });
    // Lifecycle can only expire what the lock has released: the lock must not outlast the current-version expiry.
    for (const lifecycle of resourcesOf(PROD, 'aws_s3_bucket_lifecycle_configuration')) {
      const expiry = lifecycle.rule.find((r: any) => r.id === 'expire-after-retention').expiration[0].days;
      expect(days).toBeLessThanOrEqual(expiry);
    }
  });

  test('the replication roles read the retention and legal hold of locked versions', () => {
    for (const policy of resourcesOf(PROD, 'aws_iam_role_policy').map((p) => JSON.parse(p.policy))) {
      const read = policy.Statement.find((s: any) => s.Sid === 'ReadSourceVersions');
      expect(read.Action).toEqual(expect.arrayContaining(['s3:GetObjectRetention', 's3:GetObjectLegalHold']));
    }
  });

  test('a single-region environment has one bucket and no replication', () => {
    expect(resourcesOf('dev-us-east-1-velero-storage', 'aws_s3_bucket')).toHaveLength(1);
    expect(resourcesOf('dev-us-east-1-velero-storage', 'aws_s3_bucket_replication_configuration')).toEqual([]);
  });
});
