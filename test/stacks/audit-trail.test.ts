import { Cloudtrail } from '@cdktf/provider-aws/lib/cloudtrail';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketObjectLockConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-object-lock-configuration';
import { describe, expect, test } from 'vitest';
import { clusterFacts } from '../../config/derive/facts.js';
import { retentionDays } from '../../config/derive/retention.js';
import { stateBucketName, stateReplicaBucketName } from '../../config/derive/state.js';
import { clusterTargets } from '../../config/derive/targets.js';
import { CIS_MONITORING_CONTROLS } from '../../constructs/aws/cis-monitoring-controls.js';
import { configWith, platformConfig, resourcesOf, synthStack } from '../support/platform.js';
import { accountStackWith } from '../support/stacks-with.js';

const STACK = 'prod-global-audit';
const byId = (stack: string, type: string, fragment: string) => {
  const json = JSON.parse(synthStack(stack));
  const entry = Object.entries(json.resource[type] ?? {}).find(([id]) => id.includes(fragment));
  if (!entry) throw new Error(`no ${type} matching ${fragment} in ${stack}`);
  return entry[1] as Record<string, any>;
};

describe('audit trail stack', () => {
  test.each(['dev', 'staging', 'prod'])('%s has its own global audit stack', (env) => {
    expect(synthStack(`${env}-global-audit`)).toHaveResource(Cloudtrail);
  });

  test('the trail is multi-region, validated, KMS-encrypted and delivers to the log archive and CloudWatch', () => {
    const [trail] = resourcesOf(STACK, Cloudtrail.tfResourceType);
    expect(trail).toMatchObject({
      name: 'prod-audit-trail',
      is_multi_region_trail: true,
      include_global_service_events: true,
      enable_log_file_validation: true,
      is_organization_trail: false,
      kms_key_id: expect.stringMatching(/^\$\{aws_kms_key\.trail-key.*\.arn\}$/),
      s3_bucket_name: expect.stringMatching(/^\$\{aws_s3_bucket\.log-archive.*\.id\}$/),
      cloud_watch_logs_group_arn: expect.stringMatching(/^\$\{aws_cloudwatch_log_group\.trail-log-group\.arn\}:\*$/),
    });
  });

  test('the trail records every object read and write of the state buckets and the Velero buckets, and still every management event', () => {
    const [trail] = resourcesOf(STACK, Cloudtrail.tfResourceType);
    const [management, data] = trail.advanced_event_selector;
    expect(management.field_selector).toEqual([{ field: 'eventCategory', equals: ['Management'] }]);
    expect(data.field_selector).toEqual([
      { field: 'eventCategory', equals: ['Data'] },
      { field: 'resources.type', equals: ['AWS::S3::Object'] },
      { field: 'resources.ARN', starts_with: expect.any(Array) },
    ]);
    // The state bucket and its replica, and the Velero bucket of every region of the environment.
    const config = platformConfig();
    const velero = clusterTargets(config)
      .filter((t) => t.envName === 'prod')
      .map((t) => clusterFacts(config, t).veleroBucket);
    const expected = [stateBucketName(config, 'prod'), stateReplicaBucketName(config, 'prod'), ...velero].map((b) => `arn:aws:s3:::${b}/`);
    expect([...data.field_selector[2].starts_with].sort()).toEqual(expected.sort());
    // The same names the state and Velero stacks create.
    const created = [
      ...resourcesOf('prod-global-state', S3Bucket.tfResourceType),
      ...resourcesOf('prod-us-east-1-velero-storage', S3Bucket.tfResourceType),
    ].map((b) => `arn:aws:s3:::${b.bucket}/`);
    expect(created.sort()).toEqual([...data.field_selector[2].starts_with].sort());
  });

  test('the trail key lets CloudTrail encrypt only for this trail', () => {
    const key = byId(STACK, 'aws_kms_key', 'trail-key');
    const statements = JSON.parse(key.policy).Statement;
    expect(key.enable_key_rotation).toBe(true);
    expect(statements).toContainEqual(
      expect.objectContaining({
        Principal: { Service: 'cloudtrail.amazonaws.com' },
        Action: 'kms:GenerateDataKey*',
        Condition: {
          StringEquals: { 'aws:SourceArn': 'arn:aws:cloudtrail:us-east-1:410987654321:trail/prod-audit-trail' },
          StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': 'arn:aws:cloudtrail:*:410987654321:trail/*' },
        },
      }),
    );
  });

  test('the log archive is Object-Locked in compliance mode for the audit-log retention', () => {
    const days = retentionDays(platformConfig(), 'audit-logs');
    expect(synthStack(STACK)).toHaveResourceWithProperties(S3Bucket, {
      bucket: 'tradesense-prod-audit-logs-410987654321',
      object_lock_enabled: true,
      tags: { DataClass: 'audit-logs' },
      lifecycle: { prevent_destroy: true },
    });
    expect(synthStack(STACK)).toHaveResourceWithProperties(S3BucketObjectLockConfigurationA, {
      rule: { default_retention: { mode: 'COMPLIANCE', days } },
    });
    const lifecycle = byId(STACK, 'aws_s3_bucket_lifecycle_configuration', 'log-archive');
    expect(lifecycle.rule).toContainEqual(expect.objectContaining({ id: 'retention', expiration: [{ days }] }));
  });

  test('the log archive logs its access to a separate access-log bucket', () => {
    const logging = byId(STACK, 'aws_s3_bucket_logging', 'log-archive');
    expect(logging.bucket).toMatch(/^\$\{aws_s3_bucket\.log-archive/);
    expect(logging.target_bucket).toMatch(/^\$\{aws_s3_bucket\.access-logs/);
    const policy = JSON.parse(byId(STACK, 'aws_s3_bucket_policy', 'access-logs').policy);
    expect(policy.Statement).toContainEqual(
      expect.objectContaining({ Principal: { Service: 'logging.s3.amazonaws.com' }, Action: 's3:PutObject' }),
    );
  });

  test('the CloudTrail log group keeps audit logs for the table figure, encrypted', () => {
    expect(synthStack(STACK)).toHaveResourceWithProperties(CloudwatchLogGroup, {
      name: '/aws/cloudtrail/prod-audit-trail',
      retention_in_days: retentionDays(platformConfig(), 'audit-logs'),
    });
  });

  test('every CIS monitoring control has a metric filter and an alarm on the encrypted alert topic', () => {
    const filters = resourcesOf(STACK, 'aws_cloudwatch_log_metric_filter');
    const alarms = resourcesOf(STACK, 'aws_cloudwatch_metric_alarm');
    expect(filters).toHaveLength(CIS_MONITORING_CONTROLS.length);
    expect(alarms.map((a) => a.alarm_name).sort()).toEqual(CIS_MONITORING_CONTROLS.map((c) => `prod-cis-${c.id}`).sort());
    for (const alarm of alarms) expect(alarm.alarm_actions).toEqual([expect.stringMatching(/^\$\{aws_sns_topic\.alerts_topic.*\.arn\}$/)]);
    expect(filters.find((f) => f.name === 'prod-cis-root-account-usage')?.pattern).toContain('$.userIdentity.type = "Root"');
    expect(CIS_MONITORING_CONTROLS.map((c) => c.id)).toEqual(
      expect.arrayContaining([
        'unauthorized-api-calls',
        'console-signin-without-mfa',
        'root-account-usage',
        'iam-policy-changes',
        'cloudtrail-changes',
        'console-auth-failures',
        'cmk-disable-or-deletion',
        's3-bucket-policy-changes',
        'config-changes',
        'security-group-changes',
        'nacl-changes',
        'network-gateway-changes',
        'route-table-changes',
        'vpc-changes',
        'organizations-changes',
      ]),
    );
    const topic = resourcesOf(STACK, 'aws_sns_topic')[0] as Record<string, any>;
    expect(topic.kms_master_key_id).toMatch(/^\$\{aws_kms_key\.alerts_key.*\.arn\}$/);
  });

  test('the management account gets an organization trail, other accounts an account trail', () => {
    const config = configWith((c) => {
      c.organization.managementAccountId = '410987654321';
    });
    const trailOf = (env: string) =>
      Object.values(accountStackWith(config, env, 'audit').resource.aws_cloudtrail)[0] as Record<string, any>;
    expect(trailOf('prod').is_organization_trail).toBe(true);
    expect(trailOf('staging').is_organization_trail).toBe(false);
    const policy = JSON.parse(
      (Object.values(accountStackWith(config, 'prod', 'audit').resource.aws_s3_bucket_policy) as any[]).find((p) =>
        p.policy.includes('CloudTrailWrite'),
      ).policy,
    );
    expect(policy.Statement.find((s: any) => s.Sid === 'CloudTrailWrite').Resource).toBe(
      'arn:aws:s3:::tradesense-prod-audit-logs-410987654321/AWSLogs/*',
    );
  });

  test('EKS control-plane (audit) logs are kept for the audit-log retention', () => {
    expect(synthStack('prod-us-east-1-cluster')).toHaveResourceWithProperties(CloudwatchLogGroup, {
      name: '/aws/eks/tradesense-prod-us-east-1/cluster',
      retention_in_days: retentionDays(platformConfig(), 'audit-logs'),
    });
  });
});
