import type { ControllerScope } from './controller-policies.js';
import type { PolicyStatement } from './iam-policy.js';

/** What Karpenter launches and tags on create (RunInstances, CreateFleet, CreateLaunchTemplate). */
const LAUNCHED = ['fleet', 'instance', 'volume', 'network-interface', 'launch-template', 'spot-instances-request'];
export const KARPENTER_CREATE_ACTIONS = ['RunInstances', 'CreateFleet', 'CreateLaunchTemplate'];

/**
 * Karpenter v1's controller permissions as its published controller policy
 * scopes them (aws/karpenter-provider-aws, getting-started CloudFormation):
 * it creates only resources that carry this cluster's ownership tag, may tag
 * only in the create call or, afterwards, only its own instances with its own
 * keys, and may terminate or delete only what carries the ownership tag. So
 * it cannot tag a foreign instance as its own and then terminate it.
 */
export function karpenterStatements(s: ControllerScope): PolicyStatement[] {
  const ec2 = (kind: string) => `arn:aws:ec2:${s.region}:${s.accountId}:${kind}/*`;
  const owned = `kubernetes.io/cluster/${s.clusterName}`;
  const requestOwned = { [`aws:RequestTag/${owned}`]: 'owned', 'aws:RequestTag/eks:eks-cluster-name': s.clusterName };
  const resourceOwned = {
    StringEquals: { [`aws:ResourceTag/${owned}`]: 'owned' },
    StringLike: { 'aws:ResourceTag/karpenter.sh/nodepool': '*' },
  };
  const profileTags = { [`aws:ResourceTag/${owned}`]: 'owned', 'aws:ResourceTag/topology.kubernetes.io/region': s.region };
  return [
    {
      Sid: 'AllowScopedEC2InstanceAccessActions',
      Effect: 'Allow',
      Action: ['ec2:RunInstances', 'ec2:CreateFleet'],
      Resource: [
        `arn:aws:ec2:${s.region}::image/*`,
        `arn:aws:ec2:${s.region}::snapshot/*`,
        ec2('security-group'),
        ec2('subnet'),
        ec2('capacity-reservation'),
      ],
    },
    {
      Sid: 'AllowScopedEC2LaunchTemplateAccessActions',
      Effect: 'Allow',
      Action: ['ec2:RunInstances', 'ec2:CreateFleet'],
      Resource: ec2('launch-template'),
      Condition: resourceOwned,
    },
    {
      Sid: 'AllowScopedEC2InstanceActionsWithTags',
      Effect: 'Allow',
      Action: ['ec2:RunInstances', 'ec2:CreateFleet', 'ec2:CreateLaunchTemplate'],
      Resource: LAUNCHED.map(ec2),
      Condition: { StringEquals: requestOwned, StringLike: { 'aws:RequestTag/karpenter.sh/nodepool': '*' } },
    },
    {
      Sid: 'AllowScopedResourceCreationTagging',
      Effect: 'Allow',
      Action: 'ec2:CreateTags',
      Resource: LAUNCHED.map(ec2),
      Condition: {
        StringEquals: { ...requestOwned, 'ec2:CreateAction': KARPENTER_CREATE_ACTIONS },
        StringLike: { 'aws:RequestTag/karpenter.sh/nodepool': '*' },
      },
    },
    {
      Sid: 'AllowScopedResourceTagging',
      Effect: 'Allow',
      Action: 'ec2:CreateTags',
      Resource: ec2('instance'),
      Condition: {
        ...resourceOwned,
        StringEqualsIfExists: { 'aws:RequestTag/eks:eks-cluster-name': s.clusterName },
        'ForAllValues:StringEquals': { 'aws:TagKeys': ['eks:eks-cluster-name', 'karpenter.sh/nodeclaim', 'Name'] },
      },
    },
    {
      Sid: 'AllowScopedDeletion',
      Effect: 'Allow',
      Action: ['ec2:TerminateInstances', 'ec2:DeleteLaunchTemplate'],
      Resource: [ec2('instance'), ec2('launch-template')],
      Condition: resourceOwned,
    },
    {
      Sid: 'AllowRegionalReadActions',
      Effect: 'Allow',
      Action: [
        'ec2:DescribeAvailabilityZones',
        'ec2:DescribeImages',
        'ec2:DescribeInstances',
        'ec2:DescribeInstanceTypeOfferings',
        'ec2:DescribeInstanceTypes',
        'ec2:DescribeLaunchTemplates',
        'ec2:DescribeSecurityGroups',
        'ec2:DescribeSpotPriceHistory',
        'ec2:DescribeSubnets',
        'ec2:DescribeCapacityReservations',
      ],
      Resource: '*',
      Condition: { StringEquals: { 'aws:RequestedRegion': s.region } },
    },
    {
      Sid: 'AllowSSMReadActions',
      Effect: 'Allow',
      Action: 'ssm:GetParameter',
      Resource: `arn:aws:ssm:${s.region}::parameter/aws/service/*`,
    },
    { Sid: 'AllowPricingReadActions', Effect: 'Allow', Action: 'pricing:GetProducts', Resource: '*' },
    {
      Sid: 'AllowInterruptionQueueActions',
      Effect: 'Allow',
      Action: ['sqs:DeleteMessage', 'sqs:GetQueueUrl', 'sqs:GetQueueAttributes', 'sqs:ReceiveMessage'],
      Resource: `arn:aws:sqs:${s.region}:${s.accountId}:${s.clusterName}-interruptions`,
    },
    {
      Sid: 'AllowPassingInstanceRole',
      Effect: 'Allow',
      Action: 'iam:PassRole',
      Resource: s.nodeRoleArn,
      Condition: { StringEquals: { 'iam:PassedToService': 'ec2.amazonaws.com' } },
    },
    {
      Sid: 'AllowScopedInstanceProfileCreationActions',
      Effect: 'Allow',
      Action: 'iam:CreateInstanceProfile',
      Resource: `arn:aws:iam::${s.accountId}:instance-profile/*`,
      Condition: {
        StringEquals: { ...requestOwned, 'aws:RequestTag/topology.kubernetes.io/region': s.region },
        StringLike: { 'aws:RequestTag/karpenter.k8s.aws/ec2nodeclass': '*' },
      },
    },
    {
      Sid: 'AllowScopedInstanceProfileTagActions',
      Effect: 'Allow',
      Action: 'iam:TagInstanceProfile',
      Resource: `arn:aws:iam::${s.accountId}:instance-profile/*`,
      Condition: {
        StringEquals: { ...profileTags, ...requestOwned, 'aws:RequestTag/topology.kubernetes.io/region': s.region },
        StringLike: { 'aws:ResourceTag/karpenter.k8s.aws/ec2nodeclass': '*', 'aws:RequestTag/karpenter.k8s.aws/ec2nodeclass': '*' },
      },
    },
    {
      Sid: 'AllowScopedInstanceProfileActions',
      Effect: 'Allow',
      Action: ['iam:AddRoleToInstanceProfile', 'iam:RemoveRoleFromInstanceProfile', 'iam:DeleteInstanceProfile'],
      Resource: `arn:aws:iam::${s.accountId}:instance-profile/*`,
      Condition: { StringEquals: profileTags, StringLike: { 'aws:ResourceTag/karpenter.k8s.aws/ec2nodeclass': '*' } },
    },
    {
      Sid: 'AllowInstanceProfileReadActions',
      Effect: 'Allow',
      Action: 'iam:GetInstanceProfile',
      Resource: `arn:aws:iam::${s.accountId}:instance-profile/*`,
    },
    // The instance-profile garbage collector lists every profile; List has no resource scoping.
    { Sid: 'AllowUnscopedInstanceProfileListAction', Effect: 'Allow', Action: 'iam:ListInstanceProfiles', Resource: '*' },
    {
      Sid: 'AllowAPIServerEndpointDiscovery',
      Effect: 'Allow',
      Action: 'eks:DescribeCluster',
      Resource: `arn:aws:eks:${s.region}:${s.accountId}:cluster/${s.clusterName}`,
    },
    // RunInstances/CreateFleet with a customer key on the volumes run on the caller's KMS rights.
    {
      Sid: 'AllowVolumeKeyForLaunches',
      Effect: 'Allow',
      Action: ['kms:DescribeKey', 'kms:GenerateDataKeyWithoutPlaintext', 'kms:Decrypt', 'kms:ReEncryptFrom', 'kms:ReEncryptTo'],
      Resource: s.volumeKeyArn,
      Condition: { StringEquals: { 'kms:ViaService': `ec2.${s.region}.amazonaws.com` } },
    },
    {
      Sid: 'AllowVolumeKeyGrantsForLaunches',
      Effect: 'Allow',
      Action: 'kms:CreateGrant',
      Resource: s.volumeKeyArn,
      Condition: { StringEquals: { 'kms:ViaService': `ec2.${s.region}.amazonaws.com` }, Bool: { 'kms:GrantIsForAWSResource': true } },
    },
  ];
}
