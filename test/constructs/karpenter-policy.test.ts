import { describe, expect, test } from 'vitest';
import type { ControllerScope } from '../../constructs/aws/controller-policies.js';
import type { PolicyStatement } from '../../constructs/aws/iam-policy.js';
import { KARPENTER_CREATE_ACTIONS, karpenterStatements } from '../../constructs/aws/karpenter-policy.js';
import { ACCOUNT, REGION } from './construct-stack.js';

const scope: ControllerScope = {
  accountId: ACCOUNT,
  region: REGION,
  clusterName: 'prod-use1',
  nodeRoleArn: `arn:aws:iam::${ACCOUNT}:role/prod-use1-node`,
  volumeKeyArn: `arn:aws:kms:${REGION}:${ACCOUNT}:key/ebs`,
  velero: { bucket: 'b', prefix: 'p' },
  secretPrefixes: [],
};
const OWNED = 'kubernetes.io/cluster/prod-use1';
const statements = karpenterStatements(scope);
const s = Object.fromEntries(statements.map((x) => [x.Sid, x])) as Record<string, PolicyStatement>;
const actions = (x: PolicyStatement) => [x.Action ?? []].flat();
const granting = (action: string) => statements.filter((x) => actions(x).includes(action));

describe('Karpenter controller policy', () => {
  test('launches only resources tagged as owned by this cluster and a node pool', () => {
    expect(s.AllowScopedEC2InstanceActionsWithTags?.Condition).toEqual({
      StringEquals: { [`aws:RequestTag/${OWNED}`]: 'owned', 'aws:RequestTag/eks:eks-cluster-name': 'prod-use1' },
      StringLike: { 'aws:RequestTag/karpenter.sh/nodepool': '*' },
    });
  });

  test('tags on create only through its own create actions', () => {
    expect(KARPENTER_CREATE_ACTIONS).toEqual(['RunInstances', 'CreateFleet', 'CreateLaunchTemplate']);
    expect(s.AllowScopedResourceCreationTagging?.Condition?.StringEquals).toMatchObject({
      'ec2:CreateAction': KARPENTER_CREATE_ACTIONS,
      [`aws:RequestTag/${OWNED}`]: 'owned',
    });
  });

  test('after creation it may tag only its own instances, with its own keys (cannot adopt a foreign instance)', () => {
    const tagging = granting('ec2:CreateTags');
    expect(tagging.map((x) => x.Sid)).toEqual(['AllowScopedResourceCreationTagging', 'AllowScopedResourceTagging']);
    expect(s.AllowScopedResourceTagging).toMatchObject({
      Resource: `arn:aws:ec2:${REGION}:${ACCOUNT}:instance/*`,
      Condition: {
        StringEquals: { [`aws:ResourceTag/${OWNED}`]: 'owned' },
        'ForAllValues:StringEquals': { 'aws:TagKeys': ['eks:eks-cluster-name', 'karpenter.sh/nodeclaim', 'Name'] },
      },
    });
    expect(s.AllowScopedResourceTagging?.Condition?.['ForAllValues:StringEquals']?.['aws:TagKeys']).not.toContain(OWNED);
  });

  test('terminates and deletes only what carries the ownership tag', () => {
    for (const action of ['ec2:TerminateInstances', 'ec2:DeleteLaunchTemplate']) {
      expect(granting(action).map((x) => x.Sid)).toEqual(['AllowScopedDeletion']);
    }
    expect(s.AllowScopedDeletion?.Condition).toEqual({
      StringEquals: { [`aws:ResourceTag/${OWNED}`]: 'owned' },
      StringLike: { 'aws:ResourceTag/karpenter.sh/nodepool': '*' },
    });
  });

  test('passes only the node role, only to EC2', () => {
    expect(granting('iam:PassRole')).toEqual([
      {
        Sid: 'AllowPassingInstanceRole',
        Effect: 'Allow',
        Action: 'iam:PassRole',
        Resource: scope.nodeRoleArn,
        Condition: { StringEquals: { 'iam:PassedToService': 'ec2.amazonaws.com' } },
      },
    ]);
  });

  test('instance profiles: created and changed only with the ownership and region tags', () => {
    expect(s.AllowScopedInstanceProfileCreationActions?.Condition?.StringEquals).toMatchObject({
      [`aws:RequestTag/${OWNED}`]: 'owned',
      'aws:RequestTag/topology.kubernetes.io/region': REGION,
    });
    expect(s.AllowScopedInstanceProfileActions?.Condition?.StringEquals).toEqual({
      [`aws:ResourceTag/${OWNED}`]: 'owned',
      'aws:ResourceTag/topology.kubernetes.io/region': REGION,
    });
  });

  test('the volume key only through EC2 of its region, grants only for AWS resources', () => {
    expect(s.AllowVolumeKeyForLaunches).toMatchObject({
      Resource: scope.volumeKeyArn,
      Condition: { StringEquals: { 'kms:ViaService': `ec2.${REGION}.amazonaws.com` } },
    });
    expect(s.AllowVolumeKeyGrantsForLaunches?.Condition).toEqual({
      StringEquals: { 'kms:ViaService': `ec2.${REGION}.amazonaws.com` },
      Bool: { 'kms:GrantIsForAWSResource': true },
    });
  });

  test('reads are pinned to its region; its queue and cluster by name', () => {
    expect(s.AllowRegionalReadActions?.Condition).toEqual({ StringEquals: { 'aws:RequestedRegion': REGION } });
    expect(s.AllowInterruptionQueueActions?.Resource).toBe(`arn:aws:sqs:${REGION}:${ACCOUNT}:prod-use1-interruptions`);
    expect(s.AllowAPIServerEndpointDiscovery?.Resource).toBe(`arn:aws:eks:${REGION}:${ACCOUNT}:cluster/prod-use1`);
  });

  test('every resource ARN stays in its region and account', () => {
    for (const arn of statements.flatMap((x) => [x.Resource ?? []].flat()).filter((r) => r !== '*')) {
      expect(arn).toMatch(new RegExp(`^arn:aws:(ec2|ssm|sqs|eks|kms):${REGION}:(${ACCOUNT})?:|^arn:aws:iam::${ACCOUNT}:`));
    }
  });
});
