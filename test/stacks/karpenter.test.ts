import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { Ec2Tag } from '@cdktf/provider-aws/lib/ec2-tag';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { describe, expect, test } from 'vitest';
import { capacityOf } from '../../config/derive/cost.js';
import { clusterFacts } from '../../config/derive/facts.js';
import { clusterTargets, type ClusterTarget } from '../../config/derive/targets.js';
import { controllerStatements } from '../../constructs/aws/controller-policies.js';
import { configWith, platformConfig, platformStackNames, resourcesOf, stackJson, synthStack } from '../support/platform.js';
import { clusterStackWith } from '../support/stacks-with.js';

const targets = clusterTargets(platformConfig());
/** A Karpenter cluster in a replica region (the one a regional failover scales up). */
const target = targets.find((t) => t.role === 'replica' && capacityOf(platformConfig(), t.envName) === 'karpenter') as ClusterTarget;
const facts = clusterFacts(platformConfig(), target);
const STACK = `${target.envName}-${target.region}-karpenter`;
const CLUSTER = `${target.envName}-${target.region}-cluster`;

describe('karpenter stack', () => {
  test('exists exactly for the clusters whose environment chose Karpenter', () => {
    const stacks = platformStackNames().filter((n) => n.endsWith('-karpenter'));
    const karpenter = targets.filter((t) => capacityOf(platformConfig(), t.envName) === 'karpenter');
    expect(stacks.sort()).toEqual(karpenter.map((t) => `${t.envName}-${t.region}-karpenter`).sort());
  });

  test('the interruption queue has the name the controller role is scoped to and a customer key', () => {
    const [queue] = resourcesOf(STACK, SqsQueue.tfResourceType);
    expect(queue).toMatchObject({
      name: `${facts.clusterName}-interruptions`,
      message_retention_seconds: 300,
      kms_master_key_id: expect.stringMatching(/aws_kms_key\.interruptions-key/),
    });
    const scoped = controllerStatements('karpenter', {
      accountId: facts.accountId,
      region: facts.region,
      clusterName: facts.clusterName,
      nodeRoleArn: 'arn',
      volumeKeyArn: 'key',
      velero: { bucket: 'b', prefix: 'p' },
      secretPrefixes: [],
    }).find((s) => s.Sid === 'AllowInterruptionQueueActions');
    expect(scoped?.Resource).toBe(`arn:aws:sqs:${facts.region}:${facts.accountId}:${queue.name}`);
    const [key] = resourcesOf(STACK, 'aws_kms_key');
    const statements = JSON.parse(key.policy).Statement;
    expect(statements.find((s: any) => s.Principal?.Service === 'events.amazonaws.com')).toBeDefined();
    expect(statements.find((s: any) => s.Sid === 'KarpenterReads').Principal.AWS).toBe(facts.podIdentities.karpenter.roleArn);
  });

  test('EventBridge sends spot interruptions, rebalance, state changes and scheduled changes to the queue', () => {
    const rules = resourcesOf(STACK, CloudwatchEventRule.tfResourceType).map((r) => JSON.parse(r.event_pattern));
    expect(rules.map((p) => p['detail-type'][0]).sort()).toEqual([
      'AWS Health Event',
      'EC2 Instance Rebalance Recommendation',
      'EC2 Instance State-change Notification',
      'EC2 Spot Instance Interruption Warning',
    ]);
    const targets = resourcesOf(STACK, 'aws_cloudwatch_event_target');
    expect(targets).toHaveLength(4);
    expect(targets.every((t) => /aws_sqs_queue\.interruptions/.test(t.arn))).toBe(true);
    const [policy] = resourcesOf(STACK, 'aws_sqs_queue_policy');
    expect(JSON.parse(policy.policy).Statement[0].Principal.Service).toContain('events.amazonaws.com');
  });

  test('the cluster security group gets the same discovery tag as the subnets', () => {
    expect(synthStack(STACK)).toHaveResourceWithProperties(Ec2Tag, { key: 'karpenter.sh/discovery', value: facts.clusterName });
    expect(stackJson(STACK).data?.aws_eks_cluster).toBeDefined();
  });

  test('declares its steady-state capacity for the cost estimate', () => {
    const output = (stackJson(STACK) as any).output.karpenter_baseline_capacity;
    const pool = target.env.eks.nodePools.workload;
    expect(output.value).toEqual({
      instance_types: pool.instanceTypes,
      capacity_type: 'spot',
      nodes: pool.desiredSize,
      disk_gib: pool.diskSizeGiB,
    });
  });

  test('with Karpenter the cluster keeps only its system node group; managed-spot keeps the workload group', () => {
    for (const t of targets.filter((x) => capacityOf(platformConfig(), x.envName) === 'karpenter')) {
      expect(resourcesOf(`${t.envName}-${t.region}-cluster`, 'aws_eks_node_group').map((g) => g.node_group_name)).toEqual([
        t.env.eks.nodePools.system.name,
      ]);
    }
    const managedSpot = clusterStackWith(
      configWith((c) => {
        Object.assign(c.cost.environments.dev ?? {}, { capacity: 'managed-spot' });
      }),
      'dev/us-east-1',
    );
    expect(
      Object.values(managedSpot.resource.aws_eks_node_group)
        .map((g: any) => g.node_group_name)
        .sort(),
    ).toEqual(['system', 'workload']);
  });
});

describe('karpenter controller role', () => {
  const karpenterPolicy = (stack: string) => {
    const policy = resourcesOf(stack, 'aws_iam_role_policy').find((p) => p.role.includes('aws_iam_role.karpenter-identity'));
    return policy ? (JSON.parse(policy.policy).Statement as any[]) : undefined;
  };

  test('exists only in clusters whose environment runs Karpenter (capacityOf), with its Pod Identity association', () => {
    const roleNames = (stack: string) => resourcesOf(stack, 'aws_iam_role').map((r) => r.name);
    expect(roleNames(CLUSTER)).toContain(facts.podIdentities.karpenter.roleName);
    expect(resourcesOf(CLUSTER, 'aws_eks_pod_identity_association').map((a) => a.service_account)).toContain('karpenter');
    // A 'managed-spot' environment has no interruption queue, so no role pointing at one.
    const managed = clusterStackWith(
      configWith((c) => {
        Object.assign(c.cost.environments.dev ?? {}, { capacity: 'managed-spot' });
      }),
      'dev/us-east-1',
    );
    expect(Object.values(managed.resource.aws_iam_role).map((r: any) => r.name)).not.toContain('dev-us-east-1-karpenter');
    expect(Object.values(managed.resource.aws_eks_pod_identity_association).map((a: any) => a.service_account)).not.toContain('karpenter');
  });

  test('tags only in the create call or, afterwards, its own instances with its own keys', () => {
    const tagging = (karpenterPolicy(CLUSTER) ?? []).filter((s) => [s.Action].flat().includes('ec2:CreateTags'));
    expect(tagging.length).toBeGreaterThan(0);
    for (const st of tagging) {
      const onCreate = st.Condition?.StringEquals?.['ec2:CreateAction'];
      const owned = st.Condition?.StringEquals?.[`aws:ResourceTag/kubernetes.io/cluster/${facts.clusterName}`];
      expect(onCreate ?? owned).toBeDefined();
      if (!onCreate)
        expect(st.Condition['ForAllValues:StringEquals']['aws:TagKeys']).not.toContain(`kubernetes.io/cluster/${facts.clusterName}`);
    }
    const create = tagging.find((st) => st.Sid === 'AllowScopedResourceCreationTagging');
    expect(create.Condition.StringEquals['ec2:CreateAction']).toEqual(['RunInstances', 'CreateFleet', 'CreateLaunchTemplate']);
  });

  test('launches only resources requested with the ownership tag, and terminates only owned ones', () => {
    const statements = karpenterPolicy(CLUSTER) ?? [];
    const launch = statements.find((st) => st.Sid === 'AllowScopedEC2InstanceActionsWithTags');
    expect(launch.Condition.StringEquals).toMatchObject({ [`aws:RequestTag/kubernetes.io/cluster/${facts.clusterName}`]: 'owned' });
    const deletion = statements.filter((st) => [st.Action].flat().some((a: string) => /Terminate|Delete/.test(a) && a.startsWith('ec2:')));
    expect(deletion.length).toBeGreaterThan(0);
    for (const st of deletion)
      expect(st.Condition.StringEquals[`aws:ResourceTag/kubernetes.io/cluster/${facts.clusterName}`]).toBe('owned');
  });

  test('may use the cluster volume key for launches, through EC2 only', () => {
    const kms = (karpenterPolicy(CLUSTER) ?? []).filter((st) => [st.Action].flat().some((a: string) => a.startsWith('kms:')));
    expect(kms.map((st) => st.Resource)).toEqual([
      expect.stringMatching(/aws_kms_key\.volumes/),
      expect.stringMatching(/aws_kms_key\.volumes/),
    ]);
    expect(kms.flatMap((st) => [st.Action].flat())).toEqual(
      expect.arrayContaining(['kms:CreateGrant', 'kms:GenerateDataKeyWithoutPlaintext', 'kms:Decrypt']),
    );
    for (const st of kms) expect(st.Condition.StringEquals['kms:ViaService']).toBe(`ec2.${facts.region}.amazonaws.com`);
  });
});
