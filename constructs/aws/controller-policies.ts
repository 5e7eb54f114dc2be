import type { Controller } from '../../config/facts.js';
import type { PolicyStatement } from './iam-policy.js';

export interface ControllerScope {
  readonly accountId: string;
  readonly region: string;
  readonly envName: string;
  readonly clusterName: string;
  readonly nodeRoleArn: string;
  /** Buckets Velero writes to and restores from (its own and the replicated peer). */
  readonly veleroBuckets: string[];
  /** Secrets Manager name prefixes External Secrets may read (ClusterFacts.secretPrefixes). */
  readonly secretPrefixes: readonly string[];
}

const ec2Read = ['ec2:DescribeAvailabilityZones', 'ec2:DescribeInstances', 'ec2:DescribeSubnets', 'ec2:DescribeSecurityGroups', 'ec2:DescribeVpcs'];

/**
 * The IAM permissions of each controller that talks to AWS, scoped to this
 * cluster's account, region and resources. `*` resources appear only for
 * actions AWS cannot scope (Describe*, pricing, tag-conditioned creates).
 */
export function controllerStatements(controller: Controller, s: ControllerScope): PolicyStatement[] {
  const clusterTag = { StringEquals: { [`aws:ResourceTag/kubernetes.io/cluster/${s.clusterName}`]: 'owned' } };
  switch (controller) {
    case 'external-secrets':
      return [
        {
          Sid: 'ReadEnvironmentSecrets',
          Effect: 'Allow',
          Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret', 'secretsmanager:ListSecretVersionIds'],
          Resource: s.secretPrefixes.map((prefix) => `arn:aws:secretsmanager:${s.region}:${s.accountId}:secret:${prefix}*`),
        },
        // Finding the RDS-managed secret by its tag needs ListSecrets, which has no resource-level scoping.
        { Sid: 'FindSecretsByTag', Effect: 'Allow', Action: 'secretsmanager:ListSecrets', Resource: '*' },
        {
          Sid: 'DecryptThroughSecretsManager',
          Effect: 'Allow',
          Action: 'kms:Decrypt',
          Resource: `arn:aws:kms:${s.region}:${s.accountId}:key/*`,
          Condition: { StringEquals: { 'kms:ViaService': `secretsmanager.${s.region}.amazonaws.com` } },
        },
      ];
    case 'velero':
      return [
        {
          Sid: 'BackupObjects',
          Effect: 'Allow',
          Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts'],
          Resource: s.veleroBuckets.map((b) => `arn:aws:s3:::${b}/*`),
        },
        { Sid: 'ListBackups', Effect: 'Allow', Action: 's3:ListBucket', Resource: s.veleroBuckets.map((b) => `arn:aws:s3:::${b}`) },
        {
          Sid: 'VolumeSnapshots',
          Effect: 'Allow',
          Action: ['ec2:DescribeVolumes', 'ec2:DescribeSnapshots', 'ec2:CreateVolume', 'ec2:CreateSnapshot', 'ec2:DeleteSnapshot', 'ec2:CreateTags'],
          Resource: '*',
          Condition: { StringEquals: { 'aws:RequestedRegion': s.region } },
        },
        {
          Sid: 'EncryptedObjectsAndSnapshots',
          Effect: 'Allow',
          Action: ['kms:Decrypt', 'kms:GenerateDataKey', 'kms:CreateGrant', 'kms:DescribeKey'],
          Resource: `arn:aws:kms:*:${s.accountId}:key/*`,
          Condition: { StringLike: { 'kms:ViaService': ['s3.*.amazonaws.com', 'ec2.*.amazonaws.com'] } },
        },
      ];
    case 'aws-load-balancer-controller':
      return [
        {
          Sid: 'Discover',
          Effect: 'Allow',
          Action: [...ec2Read, 'ec2:DescribeInternetGateways', 'ec2:DescribeAccountAttributes', 'ec2:DescribeTags', 'elasticloadbalancing:Describe*', 'acm:ListCertificates', 'acm:DescribeCertificate', 'wafv2:GetWebACL', 'wafv2:GetWebACLForResource', 'shield:GetSubscriptionState'],
          Resource: '*',
        },
        {
          Sid: 'CreateTaggedForCluster',
          Effect: 'Allow',
          Action: ['ec2:CreateSecurityGroup', 'elasticloadbalancing:CreateLoadBalancer', 'elasticloadbalancing:CreateTargetGroup'],
          Resource: '*',
          Condition: { StringEquals: { [`aws:RequestTag/elbv2.k8s.aws/cluster`]: s.clusterName } },
        },
        {
          Sid: 'ManageOwned',
          Effect: 'Allow',
          Action: ['ec2:AuthorizeSecurityGroupIngress', 'ec2:RevokeSecurityGroupIngress', 'ec2:DeleteSecurityGroup', 'ec2:CreateTags', 'elasticloadbalancing:Modify*', 'elasticloadbalancing:Delete*', 'elasticloadbalancing:AddTags', 'elasticloadbalancing:RegisterTargets', 'elasticloadbalancing:DeregisterTargets', 'elasticloadbalancing:CreateListener', 'elasticloadbalancing:CreateRule', 'elasticloadbalancing:SetWebAcl', 'wafv2:AssociateWebACL'],
          Resource: '*',
          Condition: { StringEquals: { [`aws:ResourceTag/elbv2.k8s.aws/cluster`]: s.clusterName } },
        },
      ];
    case 'external-dns':
      return [
        { Sid: 'ChangeRecords', Effect: 'Allow', Action: 'route53:ChangeResourceRecordSets', Resource: 'arn:aws:route53:::hostedzone/*' },
        { Sid: 'ListZones', Effect: 'Allow', Action: ['route53:ListHostedZones', 'route53:ListResourceRecordSets', 'route53:ListTagsForResources'], Resource: '*' },
      ];
    case 'karpenter':
      return [
        {
          Sid: 'LaunchNodes',
          Effect: 'Allow',
          Action: ['ec2:RunInstances', 'ec2:CreateFleet', 'ec2:CreateLaunchTemplate', 'ec2:CreateTags'],
          Resource: '*',
          Condition: { StringEquals: { 'aws:RequestedRegion': s.region } },
        },
        { Sid: 'TerminateOwnedNodes', Effect: 'Allow', Action: ['ec2:TerminateInstances', 'ec2:DeleteLaunchTemplate'], Resource: '*', Condition: clusterTag },
        {
          Sid: 'Discover',
          Effect: 'Allow',
          Action: [...ec2Read, 'ec2:DescribeImages', 'ec2:DescribeInstanceTypes', 'ec2:DescribeInstanceTypeOfferings', 'ec2:DescribeLaunchTemplates', 'ec2:DescribeSpotPriceHistory', 'pricing:GetProducts', 'ssm:GetParameter', 'eks:DescribeCluster'],
          Resource: '*',
        },
        { Sid: 'PassNodeRole', Effect: 'Allow', Action: 'iam:PassRole', Resource: s.nodeRoleArn, Condition: { StringEquals: { 'iam:PassedToService': 'ec2.amazonaws.com' } } },
        {
          Sid: 'InstanceProfiles',
          Effect: 'Allow',
          Action: ['iam:CreateInstanceProfile', 'iam:TagInstanceProfile', 'iam:AddRoleToInstanceProfile', 'iam:RemoveRoleFromInstanceProfile', 'iam:DeleteInstanceProfile', 'iam:GetInstanceProfile'],
          Resource: `arn:aws:iam::${s.accountId}:instance-profile/*`,
        },
        {
          Sid: 'InterruptionQueue',
          Effect: 'Allow',
          Action: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueUrl', 'sqs:GetQueueAttributes'],
          Resource: `arn:aws:sqs:${s.region}:${s.accountId}:${s.clusterName}-interruptions`,
        },
      ];
  }
}
