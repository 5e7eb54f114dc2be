import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { TerraformOutput } from 'cdktf';
import type { Construct } from 'constructs';
import { CI_KUBERNETES_GROUPS, type ClusterFacts } from '../config/derive/facts.js';
import { PULL_THROUGH_CACHES } from '../config/derive/registry.js';
import type { StackEnvironment } from '../config/derive/stack-environment.js';
import type { AwsRegion } from '../config/reference/aws-regions.js';
import type { EksSettings, NodePool } from '../config/schema/environment.js';
import { CiClusterAccess } from '../constructs/aws/ci-cluster-access.js';
import { controllerStatements, type ControllerScope } from '../constructs/aws/controller-policies.js';
import { PlatformEksCluster } from '../constructs/aws/eks-cluster.js';
import { policyDocument } from '../constructs/aws/iam-policy.js';
import { CustomerKey } from '../constructs/aws/kms-key.js';
import { ManagedNodeGroup } from '../constructs/aws/managed-node-group.js';
import { PodIdentityRole } from '../constructs/aws/pod-identity-role.js';
import type { NetworkExports } from './network.js';
import { PlatformStack } from './platform-stack.js';

const NODE_POLICIES = ['AmazonEKSWorkerNodePolicy', 'AmazonEC2ContainerRegistryPullOnly', 'AmazonSSMManagedInstanceCore'];

/** What other stacks use of a cluster. */
export interface ClusterExports {
  /** The cluster's name (ClusterFacts.clusterName): known at synth, so naming it adds no stack dependency. */
  readonly clusterName: string;
  /** The API endpoint (`https://...`). */
  readonly endpoint: string;
  /** The security group EKS creates; managed nodes without groups of their own run in it. */
  readonly clusterSecurityGroupId: string;
  /** Key of the nodes' EBS volumes (alias ClusterFacts.volumeKeyAlias). */
  readonly volumeKeyArn: string;
  /**
   * The managed node groups: each one's construct id in this stack (`node-group-<pool>`,
   * which ids of resources per group repeat) and the Auto Scaling group EKS runs it in.
   */
  readonly nodeGroups: readonly { readonly id: string; readonly autoscalingGroupName: string }[];
}

export interface ClusterStackProps {
  readonly environment: StackEnvironment;
  readonly region: AwsRegion;
  /** Names and ARNs of this cluster (config/derive/facts.ts `clusterFacts`). */
  readonly facts: ClusterFacts;
  readonly eks: EksSettings;
  /** Pools run as managed node groups: the system pool, plus the workload pool unless Karpenter provisions it. */
  readonly managedNodePools: readonly NodePool[];
  /** Retention of the control-plane logs (the audit-logs class). */
  readonly logRetentionDays: number;
  readonly network: NetworkExports;
  /** Velero buckets of the environment's other regions, each holding replicas of this cluster's backups: read-only. @default [] */
  readonly peerVeleroBuckets?: readonly string[];
  /** Names of the CI roles (config.ownership): their access entries carry the groups charts/ci-access binds. */
  readonly ciRoleNames: { readonly deploy: string; readonly readOnly: string };
}

/** `<env>-<region>-cluster`: EKS, its node groups and the controllers' Pod Identity roles. */
export class ClusterStack extends PlatformStack {
  readonly facts: ClusterFacts;
  readonly eks: PlatformEksCluster;
  readonly nodeRole: IamRole;
  /** The managed node groups (the regional ingress attaches its target group to their instances). */
  readonly nodeGroups: ManagedNodeGroup[] = [];
  /** The nodes' EBS key (alias ClusterFacts.volumeKeyAlias). */
  readonly volumeKey: CustomerKey;
  readonly exports: ClusterExports;

  constructor(scope: Construct, id: string, props: ClusterStackProps) {
    super(scope, { environment: props.environment, region: props.region, kind: 'cluster', tags: { Service: 'eks' } }, id);
    this.facts = props.facts;
    const { clusterName } = this.facts;
    const { eks, network } = props;
    const prefix = `${this.envName}-${this.region}`;
    const key = (id: string, alias: string, purpose: string, extra: ConstructorParameters<typeof CustomerKey>[2]['extraStatements'] = []) =>
      new CustomerKey(this, id, { accountId: this.accountId, alias, description: `${purpose} of ${clusterName}`, extraStatements: extra });
    const secretsKey = key('secrets', `${clusterName}-secrets`, 'Envelope encryption of Kubernetes secrets');
    // The Auto Scaling service-linked role launches node-group instances and must use the volume key. KMS rejects a
    // key policy naming a missing principal: the role is an account prerequisite (config/values/prerequisites.ts).
    // Its alias is a cluster fact: Karpenter's EC2NodeClass and the CI tunnel name the same key.
    this.volumeKey = key('volumes', this.facts.volumeKeyAlias, 'EBS volumes of the nodes', [
      {
        Sid: 'AutoScalingUsesKey',
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${this.accountId}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling` },
        Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey', 'kms:CreateGrant'],
        Resource: '*',
      },
    ]);
    const volumeKey = this.volumeKey;

    const ebsCsi = new PodIdentityRole(this, 'ebs-csi-role', {
      clusterName,
      identity: { namespace: 'kube-system', serviceAccount: 'ebs-csi-controller-sa', roleName: `${prefix}-ebs-csi` },
      managedPolicyArns: ['arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy'],
      statements: [
        {
          Sid: 'EncryptedVolumes',
          Effect: 'Allow',
          Action: ['kms:CreateGrant', 'kms:Decrypt', 'kms:GenerateDataKeyWithoutPlaintext', 'kms:DescribeKey'],
          Resource: volumeKey.arn,
        },
      ],
      associate: false,
    });
    const vpcCni = new PodIdentityRole(this, 'vpc-cni-role', {
      clusterName,
      identity: { namespace: 'kube-system', serviceAccount: 'aws-node', roleName: `${prefix}-vpc-cni` },
      managedPolicyArns: ['arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy'],
      associate: false,
    });

    this.eks = new PlatformEksCluster(this, 'eks', {
      clusterName,
      settings: eks,
      logRetentionDays: props.logRetentionDays,
      subnetIds: [...network.privateSubnetIds],
      secretsKeyArn: secretsKey.arn,
      logsKeyArn: network.logsKeyArn,
      addonRoleArns: { 'aws-ebs-csi-driver': ebsCsi.role.arn, 'vpc-cni': vpcCni.role.arn },
    });

    this.nodeRole = new IamRole(this, 'node-role', {
      name: this.facts.nodeRoleName,
      assumeRolePolicy: policyDocument([{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }]),
    });
    // The first pull of an upstream image through a pull-through cache creates its repository and imports it.
    new IamRolePolicy(this, 'node-pull-through', {
      role: this.nodeRole.id,
      name: 'pull-through-cache',
      policy: policyDocument([
        {
          Sid: 'ImportUpstreamImages',
          Effect: 'Allow',
          Action: ['ecr:BatchImportUpstreamImage', 'ecr:CreateRepository'],
          Resource: Object.keys(PULL_THROUGH_CACHES)
            .sort()
            .map((cache) => `arn:aws:ecr:${this.region}:${this.accountId}:repository/${cache}/*`),
        },
      ]),
    });
    const attachments = NODE_POLICIES.map(
      (policy) =>
        new IamRolePolicyAttachment(this, `node-${policy}`, { role: this.nodeRole.name, policyArn: `arn:aws:iam::aws:policy/${policy}` }),
    );
    const nodeGroups: { id: string; autoscalingGroupName: string }[] = [];
    for (const pool of props.managedNodePools) {
      const group = new ManagedNodeGroup(this, `node-group-${pool.name}`, {
        clusterName: this.eks.cluster.name,
        pool,
        nodeRoleArn: this.nodeRole.arn,
        subnetIds: [...network.privateSubnetIds],
        volumeKeyArn: volumeKey.arn,
        tags: this.tags,
        dependsOn: attachments,
      });
      this.nodeGroups.push(group);
      nodeGroups.push({ id: group.node.id, autoscalingGroupName: group.autoscalingGroupName });
    }

    const controllerScope: ControllerScope = {
      accountId: this.accountId,
      region: this.region,
      clusterName,
      nodeRoleArn: this.nodeRole.arn,
      volumeKeyArn: volumeKey.arn,
      // Velero's location prefix is the cluster name (charts/velero/velero-locations.ts).
      velero: { bucket: this.facts.veleroBucket, prefix: clusterName, peerBuckets: props.peerVeleroBuckets ?? [] },
      secretPrefixes: this.facts.secretPrefixes,
    };
    // Only the controllers this cluster runs get a role: no Karpenter role where Karpenter has no queue.
    for (const controller of this.facts.controllers) {
      new PodIdentityRole(this, `${controller}-identity`, {
        clusterName: this.eks.cluster.name,
        identity: this.facts.podIdentities[controller],
        statements: controllerStatements(controller, controllerScope),
      });
    }

    // The CI roles read cluster health after a deploy (post-deploy checks) and port-forward in load tests.
    new CiClusterAccess(this, 'ci-access', {
      clusterName: this.eks.cluster.name,
      principals: [
        { roleArn: `arn:aws:iam::${this.accountId}:role/${props.ciRoleNames.deploy}`, kubernetesGroup: CI_KUBERNETES_GROUPS.deploy },
        { roleArn: `arn:aws:iam::${this.accountId}:role/${props.ciRoleNames.readOnly}`, kubernetesGroup: CI_KUBERNETES_GROUPS.loadTest },
      ],
    });

    this.exports = {
      clusterName,
      endpoint: this.eks.cluster.endpoint,
      clusterSecurityGroupId: this.eks.cluster.vpcConfig.clusterSecurityGroupId,
      volumeKeyArn: volumeKey.arn,
      nodeGroups,
    };
    new TerraformOutput(this, 'cluster_name', { value: this.eks.cluster.name });
    new TerraformOutput(this, 'cluster_endpoint', { value: this.eks.cluster.endpoint });
    new TerraformOutput(this, 'cluster_security_group_id', { value: this.eks.cluster.vpcConfig.clusterSecurityGroupId });
    new TerraformOutput(this, 'oidc_issuer', { value: this.eks.cluster.identity.get(0).oidc.get(0).issuer });
  }
}
