import { DbInstance } from '@cdktf/provider-aws/lib/db-instance';
import { DbParameterGroup } from '@cdktf/provider-aws/lib/db-parameter-group';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { describe, expect, test } from 'vitest';
import { DatabaseNetwork } from '../../constructs/aws/database-network.js';
import { RdsPrimary, type RdsPrimaryProps } from '../../constructs/aws/rds-primary.js';
import { address, all, awsStack, only, ref, synth } from './construct-stack.js';
import { databaseSettings } from './fixtures.js';

const KEY = 'arn:aws:kms:us-east-1:111122223333:key/db';

function build(props: Partial<RdsPrimaryProps> = {}) {
  const stack = awsStack();
  const network = new DatabaseNetwork(stack, 'network', {
    name: 'prod-orders',
    vpcId: 'vpc-1',
    subnetIds: ['s-1', 's-2'],
    clientSecurityGroupId: 'sg-cluster',
  });
  new RdsPrimary(stack, 'primary', {
    identifier: 'prod-orders',
    settings: databaseSettings(),
    network,
    keyArn: KEY,
    monitoringRoleArn: 'arn:aws:iam::111122223333:role/rds-monitoring',
    backupRetentionDays: 14,
    logsKeyArn: 'arn:aws:kms:us-east-1:111122223333:key/logs',
    logRetentionDays: 365,
    ...props,
  });
  const out = synth(stack);
  return { out, instance: only(out, DbInstance.tfResourceType) };
}

describe('RdsPrimary', () => {
  test('PostgreSQL at the configured version, never upgraded across majors by itself', () => {
    expect(build({ settings: databaseSettings({ engineVersion: '16' }) }).instance).toMatchObject({
      engine: 'postgres',
      engine_version: '16',
      allow_major_version_upgrade: false,
    });
  });

  test('Secrets Manager keeps the master password, encrypted with the database key', () => {
    const { instance } = build();
    expect(instance).toMatchObject({
      username: 'orders_admin',
      manage_master_user_password: true,
      master_user_secret_kms_key_id: KEY,
      db_name: 'orders',
    });
    expect(instance.password).toBeUndefined();
  });

  test('a final snapshot if it is ever deleted, on top of deletion protection and prevent_destroy', () => {
    expect(build().instance).toMatchObject({
      skip_final_snapshot: false,
      final_snapshot_identifier: 'prod-orders-final',
      deletion_protection: true,
      lifecycle: { prevent_destroy: true },
    });
  });

  test('encrypted, private, TLS-only through its own parameter group, in the database network', () => {
    const { out, instance } = build();
    expect(instance).toMatchObject({
      storage_encrypted: true,
      kms_key_id: KEY,
      publicly_accessible: false,
      allocated_storage: 100,
      parameter_group_name: ref(out, DbParameterGroup.tfResourceType, 'name'),
      vpc_security_group_ids: [ref(out, SecurityGroup.tfResourceType, 'id')],
      db_subnet_group_name: ref(out, 'aws_db_subnet_group', 'name'),
    });
  });

  test('the log groups exist before the instance exports to them', () => {
    const { out, instance } = build();
    expect(instance.depends_on).toEqual(all(out, 'aws_cloudwatch_log_group').map((g) => address(out, 'aws_cloudwatch_log_group', g.name)));
  });

  test.each([
    [undefined, undefined],
    [{ BackupPlan: 'databases' }, { BackupPlan: 'databases' }],
  ])('tags %j select it into backup plans', (tags, expected) => {
    expect(build({ tags }).instance.tags).toEqual(expected);
  });
});
