import { DbInstance } from '@cdktf/provider-aws/lib/db-instance';
import { describe, expect, test } from 'vitest';
import { DatabaseNetwork } from '../../constructs/aws/database-network.js';
import { REPLICA_IGNORED_AFTER_PROMOTION, RdsReplica, type RdsReplicaProps } from '../../constructs/aws/rds-replica.js';
import { awsStack, only, PEER_REGION, providerRef, REGION, regionProvider, synth } from './construct-stack.js';
import { databaseSettings } from './fixtures.js';

const SOURCE = `arn:aws:rds:${REGION}:111122223333:db:prod-orders`;
const REPLICA_KEY = `arn:aws:kms:${PEER_REGION}:111122223333:key/db`;

function build(props: Partial<RdsReplicaProps> = {}) {
  const stack = awsStack();
  const provider = regionProvider(stack, PEER_REGION);
  const network = new DatabaseNetwork(stack, 'network', {
    name: 'prod-orders',
    vpcId: 'vpc-2',
    subnetIds: ['s-1'],
    clientSecurityGroupId: 'sg-cluster',
    provider,
  });
  new RdsReplica(stack, 'replica', {
    identifier: 'prod-orders-replica',
    settings: databaseSettings(),
    network,
    keyArn: REPLICA_KEY,
    monitoringRoleArn: 'arn:aws:iam::111122223333:role/rds-monitoring',
    backupRetentionDays: 14,
    logsKeyArn: `arn:aws:kms:${PEER_REGION}:111122223333:key/logs`,
    logRetentionDays: 365,
    sourceArn: SOURCE,
    sourceRegion: REGION,
    region: PEER_REGION,
    provider,
    ...props,
  });
  return only(synth(stack), DbInstance.tfResourceType);
}

describe('RdsReplica', () => {
  test('refuses the primary region, naming the replica and why', () => {
    expect(() => build({ region: REGION })).toThrow(
      /replica prod-orders-replica: its region \(us-east-1\) equals the primary's; a replica protects against a regional outage only in another region/,
    );
  });

  test('replicates the primary by ARN, through the aliased provider of its region', () => {
    expect(build()).toMatchObject({ replicate_source_db: SOURCE, provider: providerRef(PEER_REGION), identifier: 'prod-orders-replica' });
  });

  test("encrypted with its own region's key, no engine, version, credentials or name of its own (the source's)", () => {
    const replica = build();
    expect(replica).toMatchObject({ storage_encrypted: true, kms_key_id: REPLICA_KEY, performance_insights_kms_key_id: REPLICA_KEY });
    for (const field of ['engine', 'engine_version', 'username', 'manage_master_user_password', 'db_name', 'allocated_storage'])
      expect(replica[field], field).toBeUndefined();
  });

  test('protected from deletion; no final snapshot, which RDS refuses for a replica', () => {
    expect(build()).toMatchObject({ deletion_protection: true, skip_final_snapshot: true, lifecycle: { prevent_destroy: true } });
  });

  test('Terraform leaves alone what a promotion changes', () => {
    expect(build().lifecycle.ignore_changes).toEqual([...REPLICA_IGNORED_AFTER_PROMOTION]);
    expect(REPLICA_IGNORED_AFTER_PROMOTION).toEqual(['replicate_source_db', 'manage_master_user_password', 'tags']);
  });

  test('private and TLS-only like the writer', () => {
    expect(build()).toMatchObject({
      publicly_accessible: false,
      iam_database_authentication_enabled: true,
      ca_cert_identifier: 'rds-ca-rsa2048-g1',
    });
  });
});
