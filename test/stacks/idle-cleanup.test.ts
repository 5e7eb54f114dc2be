import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { SchedulerSchedule } from '@cdktf/provider-aws/lib/scheduler-schedule';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { describe, expect, test } from 'vitest';
import { costSettings } from '../../config/derive/cost.js';
import { clusterTargets, type ClusterTarget } from '../../config/derive/targets.js';
import { platformConfig, platformStackNames, resourcesOf, stackJson, synthStack } from '../support/platform.js';

const config = platformConfig();
const targets = clusterTargets(config);
const idleCleanup = (t: ClusterTarget) => `${t.envName}-${t.region}-idle-cleanup`;
const sweepOf = (t: ClusterTarget) => costSettings(config, t.envName).idleCleanup;
/** A region where the sweep only reports, and one where it deletes (tests of the live rights need one). */
const dryRun = targets.find((t) => sweepOf(t).dryRun) as ClusterTarget;
const live = targets.find((t) => !sweepOf(t).dryRun) as ClusterTarget;

const statementsOf = (stack: string) => {
  const entry = Object.entries(stackJson(stack).resource.aws_iam_role_policy ?? {}).find(([id]) => id.startsWith('sweep_policy'));
  if (!entry) throw new Error(`no sweep policy in ${stack}`);
  return Object.fromEntries(JSON.parse((entry[1] as any).policy).Statement.map((s: any) => [s.Sid, s]));
};

describe('idle cleanup stack', () => {
  test('one per cluster region', () => {
    const stacks = platformStackNames().filter((n) => n.endsWith('-idle-cleanup'));
    expect(stacks.sort()).toEqual(targets.map(idleCleanup).sort());
  });

  test.each(targets.map((t) => [`${t.envName}/${t.region}`, t] as const))(
    "%s: a scheduled Lambda with its environment's sweep settings reports to a KMS-encrypted topic",
    (_where, target) => {
      const stack = idleCleanup(target);
      const name = `${config.organization.name}-${target.envName}-${target.region}-idle-cleanup`;
      const [fn] = resourcesOf(stack, LambdaFunction.tfResourceType);
      expect(fn).toMatchObject({ function_name: name, runtime: 'nodejs22.x', timeout: 900 });
      expect(fn.filename).toMatch(/\/idle-cleanup\.zip$/);
      expect(fn.environment.variables.SCOPE).toBe(`${target.envName}/${target.region}`);
      expect(JSON.parse(fn.environment.variables.SWEEP_SETTINGS)).toEqual(sweepOf(target));
      expect(synthStack(stack)).toHaveResourceWithProperties(SnsTopic, { name });
      expect(resourcesOf(stack, SnsTopic.tfResourceType)[0].kms_master_key_id).toMatch(/aws_kms_key\.reports_key/);
      expect(synthStack(stack)).toHaveResourceWithProperties(SchedulerSchedule, {
        schedule_expression: sweepOf(target).scheduleExpression,
      });
    },
  );

  test('in dry run (the default) the role can read and report but not delete', () => {
    const statements = statementsOf(idleCleanup(dryRun));
    expect(Object.keys(statements).sort()).toEqual(['EncryptReport', 'Inventory', 'Report', 'WriteOwnLogs']);
    expect(statements.Inventory.Action).toEqual(
      expect.arrayContaining([
        'ec2:DescribeVolumes',
        'ec2:DescribeAddresses',
        'ec2:DescribeSnapshots',
        'ec2:DescribeInstances',
        'elasticloadbalancing:DescribeLoadBalancers',
        'cloudwatch:GetMetricData',
      ]),
    );
  });

  test('when live, deletions are allowed only on resources carrying the opt-in tag, in the stack region', () => {
    const { optInTag } = sweepOf(live);
    const statements = statementsOf(idleCleanup(live));
    expect(statements.DeleteOptedIn).toMatchObject({
      Action: [
        'ec2:DeleteVolume',
        'ec2:ReleaseAddress',
        'ec2:DeleteSnapshot',
        'ec2:TerminateInstances',
        'elasticloadbalancing:DeleteLoadBalancer',
      ],
      Condition: { StringEquals: { 'aws:RequestedRegion': live.region, [`aws:ResourceTag/${optInTag.key}`]: optInTag.value } },
    });
    expect(statements.FinalSnapshots.Action).toContain('ec2:CreateSnapshot');
  });

  test('when live, tagging cannot forge the opt-in tag: only in the snapshot create call, or the idle-since key', () => {
    const tagging = Object.values(statementsOf(idleCleanup(live))).filter((s: any) => [s.Action].flat().includes('ec2:CreateTags'));
    expect(tagging.length).toBeGreaterThan(0);
    for (const st of tagging as any[]) {
      const onCreate = st.Condition.StringEquals?.['ec2:CreateAction'];
      const keys = st.Condition['ForAllValues:StringEquals']?.['aws:TagKeys'];
      expect(onCreate === 'CreateSnapshot' || (Array.isArray(keys) && !keys.includes(sweepOf(live).optInTag.key))).toBe(true);
    }
  });
});
