import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { DbParameterGroup } from '@cdktf/provider-aws/lib/db-parameter-group';
import { Construct } from 'constructs';
import { describe, expect, test } from 'vitest';
import { DatabaseNetwork } from '../../constructs/aws/database-network.js';
import { postgresParameters } from '../../constructs/aws/database-parameters.js';
import { POSTGRES_LOG_EXPORTS, RDS_CA, rdsInstanceBase, type RdsInstanceBaseProps } from '../../constructs/aws/rds-instance-base.js';
import { all, awsStack, PEER_REGION, only, providerRef, regionProvider, synth } from './construct-stack.js';
import { databaseSettings } from './fixtures.js';

const KEY = 'arn:aws:kms:us-east-1:111122223333:key/db';
const LOGS_KEY = 'arn:aws:kms:us-east-1:111122223333:key/logs';

function build(props: Partial<RdsInstanceBaseProps> = {}) {
  const stack = awsStack();
  const scope = new Construct(stack, 'db');
  const network = new DatabaseNetwork(stack, 'network', { name: 'n', vpcId: 'vpc-1', subnetIds: ['s-1'], clientSecurityGroupId: 'sg-1' });
  const base = rdsInstanceBase(scope, {
    identifier: 'prod-orders',
    settings: databaseSettings(),
    network,
    keyArn: KEY,
    monitoringRoleArn: 'arn:aws:iam::111122223333:role/rds-monitoring',
    backupRetentionDays: 14,
    logsKeyArn: LOGS_KEY,
    logRetentionDays: 365,
    ...props,
  });
  return { base, stack, out: synth(stack) };
}

describe('rdsInstanceBase', () => {
  test("the parameter group follows the engine's major version and carries the TLS-only parameters", () => {
    const group = only(build({ settings: databaseSettings({ engineVersion: '17.2' }) }).out, DbParameterGroup.tfResourceType);
    expect(group).toMatchObject({ name: 'prod-orders-pg17', family: 'postgres17' });
    expect(group.parameter).toEqual(
      postgresParameters(databaseSettings()).map((p) => ({ name: p.name, value: p.value, apply_method: p.applyMethod })),
    );
  });

  test('a log group per exported log type, owned before RDS creates it: our retention and key', () => {
    const groups = all(build().out, CloudwatchLogGroup.tfResourceType);
    expect(groups).toEqual(
      POSTGRES_LOG_EXPORTS.map((type) => ({ name: `/aws/rds/instance/prod-orders/${type}`, retention_in_days: 365, kms_key_id: LOGS_KEY })),
    );
  });

  test('encrypted storage and Performance Insights with the key, never public, IAM auth, the RSA 2048 CA', () => {
    const { instance } = build().base;
    expect(instance).toMatchObject({
      storageEncrypted: true,
      kmsKeyId: KEY,
      performanceInsightsEnabled: true,
      performanceInsightsKmsKeyId: KEY,
      publiclyAccessible: false,
      iamDatabaseAuthenticationEnabled: true,
      caCertIdentifier: RDS_CA,
      storageType: 'gp3',
    });
  });

  test('protected from deletion twice over, with automated backups kept after deletion', () => {
    const { instance } = build().base;
    expect(instance).toMatchObject({
      deletionProtection: true,
      lifecycle: { preventDestroy: true },
      deleteAutomatedBackups: false,
      copyTagsToSnapshot: true,
    });
  });

  test('settings flow through: class, windows, multi-AZ, retention, monitoring, log exports', () => {
    const settings = databaseSettings({ multiAz: false, monitoringIntervalSeconds: 15, autoMinorVersionUpgrade: false });
    const { instance } = build({ settings, backupRetentionDays: 7 }).base;
    expect(instance).toMatchObject({
      instanceClass: 'db.r7g.large',
      multiAz: false,
      backupRetentionPeriod: 7,
      backupWindow: '04:00-05:00',
      maintenanceWindow: 'sun:06:00-sun:07:00',
      monitoringInterval: 15,
      autoMinorVersionUpgrade: false,
      maxAllocatedStorage: 500,
      enabledCloudwatchLogsExports: ['postgresql', 'upgrade'],
    });
  });

  test('the instance waits for its log groups and uses the given provider everywhere', () => {
    const stack = awsStack();
    const provider = regionProvider(stack, PEER_REGION);
    const network = new DatabaseNetwork(stack, 'network', {
      name: 'n',
      vpcId: 'v',
      subnetIds: ['s'],
      clientSecurityGroupId: 'sg',
      provider,
    });
    const { instance } = rdsInstanceBase(new Construct(stack, 'db'), {
      identifier: 'replica',
      settings: databaseSettings(),
      network,
      keyArn: KEY,
      monitoringRoleArn: 'r',
      backupRetentionDays: 1,
      logsKeyArn: LOGS_KEY,
      logRetentionDays: 1,
      provider,
    });
    expect(instance.dependsOn).toHaveLength(POSTGRES_LOG_EXPORTS.length);
    expect(instance.provider).toBe(provider);
    const out = synth(stack);
    expect(only(out, DbParameterGroup.tfResourceType).provider).toBe(providerRef(PEER_REGION));
    expect(all(out, CloudwatchLogGroup.tfResourceType).map((g) => g.provider)).toEqual([
      providerRef(PEER_REGION),
      providerRef(PEER_REGION),
    ]);
  });
});
