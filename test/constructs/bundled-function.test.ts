import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { SchedulerSchedule } from '@cdktf/provider-aws/lib/scheduler-schedule';
import { describe, expect, test } from 'vitest';
import { BundledFunction, type BundledFunctionProps } from '../../constructs/aws/bundled-function.js';
import { bundleFunction } from '../../constructs/aws/function-bundle.js';
import type { PolicyStatement } from '../../constructs/aws/iam-policy.js';
import { ACCOUNT, address, all, awsStack, named, only, ref, statements, synth } from './construct-stack.js';

const LOGS_KEY = 'arn:aws:kms:us-east-1:111122223333:key/logs';
const READ_COSTS: PolicyStatement = { Sid: 'ReadCosts', Effect: 'Allow', Action: 'ce:GetCostAndUsage', Resource: '*' };

function build(props: Partial<BundledFunctionProps> = {}) {
  const stack = awsStack();
  new BundledFunction(stack, 'fn', {
    accountId: ACCOUNT,
    region: 'us-east-1',
    functionName: 'prod-cost-report',
    source: 'cost-report',
    description: 'Weekly cost report',
    statements: [READ_COSTS],
    logRetentionDays: 90,
    logsKeyArn: LOGS_KEY,
    ...props,
  });
  const out = synth(stack);
  return { out, fn: only(out, LambdaFunction.tfResourceType) };
}

const role = (out: ReturnType<typeof build>['out'], name: string) => named(out, IamRole.tfResourceType, `"name":"${name}"`);

describe('BundledFunction', () => {
  test('arm64 Node 22 from the deterministic bundle, its hash as source_code_hash', () => {
    const { fn } = build();
    expect(fn).toMatchObject({
      function_name: 'prod-cost-report',
      runtime: 'nodejs22.x',
      architectures: ['arm64'],
      handler: 'index.handler',
      source_code_hash: bundleFunction('cost-report').sha256,
    });
    expect(fn.filename).toMatch(/cost-report\.zip$/);
  });

  test.each([
    [{}, 120, 256],
    [{ timeoutSeconds: 30, memoryMiB: 1024 }, 30, 1024],
  ])('timeout and memory %j -> %is, %i MiB', (props, timeout, memory) => {
    expect(build(props).fn).toMatchObject({ timeout, memory_size: memory });
  });

  test('environment only when given', () => {
    expect(build().fn.environment).toBeUndefined();
    expect(build({ environment: { TOPIC_ARN: 'arn:t' } }).fn.environment).toEqual({ variables: { TOPIC_ARN: 'arn:t' } });
  });

  test('JSON logs to its own KMS-encrypted group with retention, created before the function', () => {
    const { out, fn } = build();
    expect(only(out, CloudwatchLogGroup.tfResourceType)).toEqual({
      name: '/aws/lambda/prod-cost-report',
      retention_in_days: 90,
      kms_key_id: LOGS_KEY,
    });
    expect(fn.logging_config).toEqual({ log_format: 'JSON', log_group: ref(out, CloudwatchLogGroup.tfResourceType, 'name') });
    expect(fn.depends_on).toEqual([address(out, CloudwatchLogGroup.tfResourceType)]);
  });

  test('its own role, assumable by Lambda for this account only, writing its own logs plus the given statements', () => {
    const { out, fn } = build();
    const fnRole = role(out, 'prod-cost-report-fn');
    expect(fn.role).toBe(ref(out, IamRole.tfResourceType, 'arn', '"name":"prod-cost-report-fn"'));
    expect(JSON.parse(fnRole.assume_role_policy).Statement).toEqual([
      {
        Effect: 'Allow',
        Principal: { Service: 'lambda.amazonaws.com' },
        Action: 'sts:AssumeRole',
        Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT } },
      },
    ]);
    const policy = statements(only(out, IamRolePolicy.tfResourceType).policy);
    expect(Object.keys(policy)).toEqual(['WriteOwnLogs', 'ReadCosts']);
    expect(policy.WriteOwnLogs).toMatchObject({
      Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      Resource: `${ref(out, CloudwatchLogGroup.tfResourceType, 'arn')}:*`,
    });
  });

  test('not scheduled unless asked', () => {
    const { out } = build();
    expect(all(out, SchedulerSchedule.tfResourceType)).toEqual([]);
    expect(all(out, IamRole.tfResourceType)).toHaveLength(1);
  });

  test('a schedule invokes it through a role that may invoke this function only, UTC and {} by default', () => {
    const { out } = build({ schedule: { expression: 'cron(0 7 ? * MON *)' } });
    const schedule = only(out, SchedulerSchedule.tfResourceType);
    const schedulerRole = ref(out, IamRole.tfResourceType, 'arn', '"name":"prod-cost-report-schedule"');
    expect(schedule).toMatchObject({
      schedule_expression: 'cron(0 7 ? * MON *)',
      schedule_expression_timezone: 'UTC',
      flexible_time_window: { mode: 'FLEXIBLE', maximum_window_in_minutes: 15 },
      target: {
        arn: ref(out, LambdaFunction.tfResourceType, 'arn'),
        role_arn: schedulerRole,
        input: '{}',
        retry_policy: { maximum_retry_attempts: 2, maximum_event_age_in_seconds: 3600 },
      },
    });
    expect(JSON.parse(role(out, 'prod-cost-report-schedule').assume_role_policy).Statement[0]).toMatchObject({
      Principal: { Service: 'scheduler.amazonaws.com' },
      Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT } },
    });
    const invoke = statements(named(out, IamRolePolicy.tfResourceType, 'invoke-function').policy);
    expect(invoke.InvokeFunction).toMatchObject({
      Action: 'lambda:InvokeFunction',
      Resource: ref(out, LambdaFunction.tfResourceType, 'arn'),
    });
  });

  test('schedule timezone and input are passed through', () => {
    const schedule = only(
      build({ schedule: { expression: 'rate(1 day)', timezone: 'America/New_York', input: { dryRun: true } } }).out,
      SchedulerSchedule.tfResourceType,
    );
    expect(schedule).toMatchObject({ schedule_expression_timezone: 'America/New_York', target: { input: '{"dryRun":true}' } });
  });
});
