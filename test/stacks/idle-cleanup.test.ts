import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { SchedulerSchedule } from '@cdktf/provider-aws/lib/scheduler-schedule';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { describe, expect, test } from 'vitest';
import { platformApp, resourcesOf, stackJson, synthStack } from '../support/platform.js';

const statementsOf = (stack: string) => {
  const entry = Object.entries(stackJson(stack).resource.aws_iam_role_policy ?? {}).find(([id]) => id.startsWith('sweep_policy'));
  if (!entry) throw new Error(`no sweep policy in ${stack}`);
  return Object.fromEntries(JSON.parse((entry[1] as any).policy).Statement.map((s: any) => [s.Sid, s]));
};

describe('idle cleanup stack', () => {
  test('one per cluster region', () => {
    const stacks = platformApp().node.children.map((c) => c.node.id).filter((n) => n.endsWith('-idle-cleanup'));
    expect(stacks.sort()).toEqual(['dev-us-east-1-idle-cleanup', 'prod-us-east-1-idle-cleanup', 'prod-us-west-2-idle-cleanup', 'staging-us-east-1-idle-cleanup', 'staging-us-west-2-idle-cleanup']);
  });

  test('a daily scheduled Lambda reports to a KMS-encrypted topic', () => {
    const stack = 'prod-us-west-2-idle-cleanup';
    const [fn] = resourcesOf(stack, LambdaFunction.tfResourceType);
    expect(fn).toMatchObject({ function_name: 'tradesense-prod-us-west-2-idle-cleanup', runtime: 'nodejs22.x', timeout: 900 });
    expect(fn.filename).toMatch(/\/idle-cleanup\.zip$/);
    expect(JSON.parse(fn.environment.variables.SWEEP_SETTINGS)).toMatchObject({ dryRun: true, minAgeDays: 14, optInTag: { key: 'tradesense.io/cleanup', value: 'allowed' } });
    expect(synthStack(stack)).toHaveResourceWithProperties(SnsTopic, { name: 'tradesense-prod-us-west-2-idle-cleanup' });
    expect(resourcesOf(stack, SnsTopic.tfResourceType)[0].kms_master_key_id).toMatch(/aws_kms_key\.reports_key/);
    expect(synthStack(stack)).toHaveResourceWithProperties(SchedulerSchedule, { schedule_expression: 'cron(0 6 * * ? *)' });
  });

  test('in dry run (the default) the role can read and report but not delete', () => {
    const statements = statementsOf('prod-us-east-1-idle-cleanup');
    expect(Object.keys(statements).sort()).toEqual(['EncryptReport', 'Inventory', 'Report', 'WriteOwnLogs']);
    expect(statements.Inventory.Action).toEqual(expect.arrayContaining(['ec2:DescribeVolumes', 'ec2:DescribeAddresses', 'ec2:DescribeSnapshots', 'ec2:DescribeInstances', 'elasticloadbalancing:DescribeLoadBalancers', 'cloudwatch:GetMetricData']));
  });

  test('when live, deletions are allowed only on resources carrying the opt-in tag, in the stack region', () => {
    const [fn] = resourcesOf('dev-us-east-1-idle-cleanup', LambdaFunction.tfResourceType);
    expect(JSON.parse(fn.environment.variables.SWEEP_SETTINGS)).toMatchObject({ dryRun: false, minAgeDays: 7 });
    const statements = statementsOf('dev-us-east-1-idle-cleanup');
    expect(statements.DeleteOptedIn).toMatchObject({
      Action: ['ec2:DeleteVolume', 'ec2:ReleaseAddress', 'ec2:DeleteSnapshot', 'ec2:TerminateInstances', 'elasticloadbalancing:DeleteLoadBalancer'],
      Condition: { StringEquals: { 'aws:RequestedRegion': 'us-east-1', 'aws:ResourceTag/tradesense.io/cleanup': 'allowed' } },
    });
    expect(statements.FinalSnapshots.Action).toContain('ec2:CreateSnapshot');
  });

  test('when live, tagging cannot forge the opt-in tag: only in the snapshot create call, or the idle-since key', () => {
    const tagging = Object.values(statementsOf('dev-us-east-1-idle-cleanup')).filter((s: any) => [s.Action].flat().includes('ec2:CreateTags'));
    expect(tagging.length).toBeGreaterThan(0);
    for (const st of tagging as any[]) {
      const onCreate = st.Condition.StringEquals?.['ec2:CreateAction'];
      const keys = st.Condition['ForAllValues:StringEquals']?.['aws:TagKeys'];
      expect(onCreate === 'CreateSnapshot' || (Array.isArray(keys) && !keys.includes('tradesense.io/cleanup'))).toBe(true);
    }
  });
});
