import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { DataAwsSecretsmanagerRandomPassword } from '@cdktf/provider-aws/lib/data-aws-secretsmanager-random-password';
import { RdsCluster } from '@cdktf/provider-aws/lib/rds-cluster';
import { RdsClusterInstance } from '@cdktf/provider-aws/lib/rds-cluster-instance';
import { RdsClusterParameterGroup } from '@cdktf/provider-aws/lib/rds-cluster-parameter-group';
import { RdsGlobalCluster } from '@cdktf/provider-aws/lib/rds-global-cluster';
import { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret';
import { SecretsmanagerSecretVersion } from '@cdktf/provider-aws/lib/secretsmanager-secret-version';
import { describe, expect, test } from 'vitest';
import { AuroraGlobalDatabase, type AuroraGlobalDatabaseProps } from '../../constructs/aws/aurora-global-database.js';
import { DatabaseNetwork } from '../../constructs/aws/database-network.js';
import { AURORA_GLOBAL_SECONDARY_REGIONS } from '../../config/reference/aws-limits.js';
import { address, all, awsStack, named, only, PEER_REGION, providerRef, ref, REGION, regionProvider, synth } from './construct-stack.js';
import { databaseSettings } from './fixtures.js';

const key = (region: string, name: string) => `arn:aws:kms:${region}:111122223333:key/${name}`;

function build(props: Partial<AuroraGlobalDatabaseProps> = {}, secondaryRegion = PEER_REGION) {
  const stack = awsStack();
  const peer = regionProvider(stack, PEER_REGION);
  const network = (id: string, provider = stack.provider) =>
    new DatabaseNetwork(stack, id, { name: id, vpcId: `vpc-${id}`, subnetIds: ['s'], clientSecurityGroupId: 'sg', provider });
  new AuroraGlobalDatabase(stack, 'orders', {
    name: 'prod-orders',
    settings: databaseSettings({ engineVersion: '16.6' }),
    primary: { region: REGION, network: network('primary-net'), keyArn: key(REGION, 'db'), logsKeyArn: key(REGION, 'logs') },
    secondaries: [
      {
        region: secondaryRegion,
        network: network('secondary-net', peer),
        keyArn: key(PEER_REGION, 'db'),
        logsKeyArn: key(PEER_REGION, 'logs'),
        provider: peer,
      },
    ],
    monitoringRoleArn: 'arn:aws:iam::111122223333:role/rds-monitoring',
    backupRetentionDays: 14,
    logRetentionDays: 365,
    ...props,
  });
  return synth(stack);
}

const cluster = (out: ReturnType<typeof build>, region: string) =>
  named(out, RdsCluster.tfResourceType, `"cluster_identifier":"prod-orders-${region}"`);

describe('AuroraGlobalDatabase', () => {
  test('refuses a secondary in the primary region, naming the database and the fix', () => {
    expect(() => build({}, REGION)).toThrow(
      /global database prod-orders: the secondary region \(us-east-1\) equals the primary's; pick another region/,
    );
  });

  test('the global cluster is encrypted, deletion-protected and survives destroy', () => {
    expect(only(build(), RdsGlobalCluster.tfResourceType)).toMatchObject({
      global_cluster_identifier: 'prod-orders',
      engine: 'aurora-postgresql',
      engine_version: '16.6',
      database_name: 'orders',
      storage_encrypted: true,
      deletion_protection: true,
      lifecycle: { prevent_destroy: true },
    });
  });

  test.each([
    ['primary', REGION],
    ['secondary', PEER_REGION],
  ])('the %s cluster joins the global cluster, encrypted with its own region key, protected, with a final snapshot', (_, region) => {
    const out = build();
    expect(cluster(out, region)).toMatchObject({
      global_cluster_identifier: ref(out, RdsGlobalCluster.tfResourceType, 'id'),
      storage_encrypted: true,
      kms_key_id: key(region, 'db'),
      iam_database_authentication_enabled: true,
      deletion_protection: true,
      skip_final_snapshot: false,
      final_snapshot_identifier: `prod-orders-${region}-final`,
      backup_retention_period: 14,
      enabled_cloudwatch_logs_exports: ['postgresql'],
      lifecycle: {
        prevent_destroy: true,
        ignore_changes: ['replication_source_identifier', 'global_cluster_identifier', 'engine_version'],
      },
    });
  });

  test('the writer gets the generated password write-only (never in state); the secondary inherits credentials', () => {
    const out = build();
    const password = `\${data.${DataAwsSecretsmanagerRandomPassword.tfResourceType}.${Object.keys(out.data[DataAwsSecretsmanagerRandomPassword.tfResourceType] ?? {})[0]}.random_password}`;
    expect(cluster(out, REGION)).toMatchObject({
      master_username: 'orders_admin',
      master_password_wo: password,
      master_password_wo_version: 1,
    });
    expect(cluster(out, REGION).master_password).toBeUndefined();
    const secondary = cluster(out, PEER_REGION);
    for (const field of ['master_username', 'master_password_wo', 'master_password']) expect(secondary[field], field).toBeUndefined();
  });

  test('the master secret is encrypted with the primary key and replicated to the secondary region with its key', () => {
    const out = build();
    expect(only(out, SecretsmanagerSecret.tfResourceType)).toMatchObject({
      name: 'prod-orders/master',
      kms_key_id: key(REGION, 'db'),
      replica: [{ region: PEER_REGION, kms_key_id: key(PEER_REGION, 'db') }],
      recovery_window_in_days: 30,
    });
    const version = only(out, SecretsmanagerSecretVersion.tfResourceType);
    expect(version.secret_string_wo).toMatch(
      /^\$\{jsonencode\(\{"username" = "orders_admin", "password" = data\.aws_secretsmanager_random_password\.[^.]+\.random_password\}\)\}$/,
    );
    expect(version.secret_string).toBeUndefined();
  });

  test('the secondary joins after the writer instances exist, in its region', () => {
    const out = build();
    const secondary = cluster(out, PEER_REGION);
    expect(secondary.provider).toBe(providerRef(PEER_REGION));
    const writerInstances = all(out, RdsClusterInstance.tfResourceType).filter((i) => i.identifier.startsWith(`prod-orders-${REGION}-`));
    expect(secondary.depends_on).toEqual(
      expect.arrayContaining(writerInstances.map((i) => address(out, RdsClusterInstance.tfResourceType, `"identifier":"${i.identifier}"`))),
    );
  });

  test.each([
    [true, 2],
    [false, 1],
  ])('multiAz %s: %i instance(s) per region, private, pinned CA, no automatic minor upgrades', (multiAz, count) => {
    const instances = all(build({ settings: databaseSettings({ engineVersion: '16.6', multiAz }) }), RdsClusterInstance.tfResourceType);
    expect(instances).toHaveLength(2 * count);
    for (const instance of instances) {
      expect(instance).toMatchObject({
        publicly_accessible: false,
        ca_cert_identifier: 'rds-ca-rsa2048-g1',
        auto_minor_version_upgrade: false,
        performance_insights_enabled: true,
      });
      expect(instance.engine_version).toBeUndefined();
    }
  });

  test('each region owns its TLS-only parameter group and its KMS-encrypted log group', () => {
    const out = build();
    for (const region of [REGION, PEER_REGION]) {
      const group = named(out, RdsClusterParameterGroup.tfResourceType, `prod-orders-${region}-apg16`);
      expect(group.family).toBe('aurora-postgresql16');
      expect(group.parameter).toContainEqual({ name: 'rds.force_ssl', value: '1', apply_method: 'immediate' });
      expect(named(out, CloudwatchLogGroup.tfResourceType, `/aws/rds/cluster/prod-orders-${region}/postgresql`)).toMatchObject({
        kms_key_id: key(region, 'logs'),
        retention_in_days: 365,
      });
    }
  });

  test('tags (backup selection) go on the primary cluster only', () => {
    const out = build({ tags: { BackupPlan: 'databases' } });
    expect(cluster(out, REGION).tags).toEqual({ BackupPlan: 'databases' });
    expect(cluster(out, PEER_REGION).tags).toBeUndefined();
  });

  describe('several secondary regions', () => {
    const THIRD = 'eu-west-1';
    const secondaryIn = (
      stack: ReturnType<typeof awsStack>,
      providers: Map<string, ReturnType<typeof regionProvider>>,
      region: string,
      i: number,
    ) => {
      const provider = providers.get(region) ?? regionProvider(stack, region);
      providers.set(region, provider);
      const network = new DatabaseNetwork(stack, `net-${i}`, {
        name: region,
        vpcId: `vpc-${region}`,
        subnetIds: ['s'],
        clientSecurityGroupId: 'sg',
        provider,
      });
      return { region, network, keyArn: key(region, 'db'), logsKeyArn: key(region, 'logs'), provider };
    };
    const withSecondaries = (regions: string[]) => {
      const stack = awsStack();
      const providers = new Map<string, ReturnType<typeof regionProvider>>();
      const network = new DatabaseNetwork(stack, 'primary-net', {
        name: 'p',
        vpcId: 'vpc-p',
        subnetIds: ['s'],
        clientSecurityGroupId: 'sg',
      });
      new AuroraGlobalDatabase(stack, 'orders', {
        name: 'prod-orders',
        settings: databaseSettings({ engineVersion: '16.6' }),
        primary: { region: REGION, network, keyArn: key(REGION, 'db'), logsKeyArn: key(REGION, 'logs') },
        secondaries: regions.map((region, i) => secondaryIn(stack, providers, region, i)),
        monitoringRoleArn: 'arn:aws:iam::111122223333:role/rds-monitoring',
        backupRetentionDays: 14,
        logRetentionDays: 365,
      });
      return synth(stack);
    };

    test('each joins the global cluster in its region, after the writer, and the master secret reaches every one', () => {
      const out = withSecondaries([PEER_REGION, THIRD]);
      const third = cluster(out, THIRD);
      expect(third).toMatchObject({
        global_cluster_identifier: ref(out, RdsGlobalCluster.tfResourceType, 'id'),
        kms_key_id: key(THIRD, 'db'),
        provider: providerRef(THIRD),
      });
      expect(third.depends_on.join(' ')).toMatch(/aws_rds_cluster_instance\.orders_primary-instance-1/);
      expect(only(out, SecretsmanagerSecret.tfResourceType).replica).toEqual([
        { region: PEER_REGION, kms_key_id: key(PEER_REGION, 'db') },
        { region: THIRD, kms_key_id: key(THIRD, 'db') },
      ]);
      // The first secondary keeps the ids of the one-secondary design; later ones carry their region.
      expect(address(out, RdsCluster.tfResourceType, `prod-orders-${PEER_REGION}"`)).toMatch(/orders_secondary-cluster_/);
      expect(address(out, RdsCluster.tfResourceType, `prod-orders-${THIRD}"`)).toMatch(/orders_secondary-eu-west-1-cluster_/);
    });

    test(`refuses more than Aurora's ${AURORA_GLOBAL_SECONDARY_REGIONS} secondaries and two in one region, naming the fix`, () => {
      const eleven = [
        'us-west-2',
        'us-east-2',
        'ca-central-1',
        'eu-west-1',
        'eu-west-2',
        'eu-central-1',
        'ap-northeast-1',
        'ap-southeast-1',
        'us-west-1',
        'sa-east-1',
        'ap-south-1',
      ];
      expect(() => withSecondaries(eleven)).toThrow(
        /global database prod-orders: 11 secondary regions, over Aurora's limit of 10; drop replica regions/,
      );
      expect(() => withSecondaries([PEER_REGION, PEER_REGION])).toThrow(
        /us-west-2 holds two secondary clusters; Aurora allows one per region/,
      );
    });
  });
});
