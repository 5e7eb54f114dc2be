import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { DataAwsEksCluster } from '@cdktf/provider-aws/lib/data-aws-eks-cluster';
import { Ec2Tag } from '@cdktf/provider-aws/lib/ec2-tag';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { SqsQueuePolicy } from '@cdktf/provider-aws/lib/sqs-queue-policy';
import { TerraformOutput } from 'cdktf';
import type { Construct } from 'constructs';
import type { ClusterFacts } from '../config/derive/facts.js';
import type { StackEnvironment } from '../config/derive/stack-environment.js';
import type { AwsRegion } from '../config/reference/aws-regions.js';
import type { NodePool } from '../config/schema/environment.js';
import { policyDocument } from '../constructs/aws/iam-policy.js';
import { CustomerKey } from '../constructs/aws/kms-key.js';
import { PlatformStack } from './platform-stack.js';

/** The events Karpenter drains nodes on, before AWS takes the instance away. */
export const INTERRUPTION_EVENTS = {
  'spot-interruption': { source: ['aws.ec2'], 'detail-type': ['EC2 Spot Instance Interruption Warning'] },
  rebalance: { source: ['aws.ec2'], 'detail-type': ['EC2 Instance Rebalance Recommendation'] },
  'instance-state-change': { source: ['aws.ec2'], 'detail-type': ['EC2 Instance State-change Notification'] },
  'scheduled-change': { source: ['aws.health'], 'detail-type': ['AWS Health Event'] },
} as const;

/** Output the cost estimate reads: the capacity Karpenter runs, which Terraform does not hold. */
export const BASELINE_CAPACITY_OUTPUT = 'karpenter_baseline_capacity';

export interface KarpenterStackProps {
  readonly environment: StackEnvironment;
  readonly region: AwsRegion;
  /** The cluster's names: its controller role reads the queue; its security group gets the discovery tag. */
  readonly facts: ClusterFacts;
  /** The pool Karpenter provisions (environments.<env>.eks.nodePools.workload): the cost estimate reads it. */
  readonly workloadPool: NodePool;
}

/**
 * `<env>-<region>-karpenter` (environments whose capacity is 'karpenter'): the
 * interruption queue and its EventBridge rules, and the discovery tag on the
 * cluster security group; NodePools and the EC2NodeClass live in charts/karpenter.
 * It reads the cluster by name: stacks/app.ts makes it depend on the cluster stack.
 */
export class KarpenterStack extends PlatformStack {
  readonly queue: SqsQueue;

  constructor(scope: Construct, id: string, props: KarpenterStackProps) {
    super(scope, { environment: props.environment, region: props.region, kind: 'karpenter', tags: { Service: 'karpenter' } }, id);
    const { facts } = props;
    const { clusterName } = facts;
    const key = new CustomerKey(this, 'interruptions-key', {
      accountId: this.accountId,
      alias: `${clusterName}-interruptions`,
      description: `Encrypts the Karpenter interruption queue of ${clusterName}`,
      servicePrincipals: ['events.amazonaws.com'],
      // The controller's role has no KMS grant of its own: the key policy gives it Decrypt.
      extraStatements: [
        {
          Sid: 'KarpenterReads',
          Effect: 'Allow',
          Principal: { AWS: facts.podIdentities.karpenter.roleArn },
          Action: 'kms:Decrypt',
          Resource: '*',
        },
      ],
    });
    // The controller's Pod Identity role (controller-policies.ts) reads exactly this queue name.
    this.queue = new SqsQueue(this, 'interruptions', {
      name: `${clusterName}-interruptions`,
      messageRetentionSeconds: 300,
      kmsMasterKeyId: key.arn,
      kmsDataKeyReusePeriodSeconds: 300,
    });
    new SqsQueuePolicy(this, 'interruptions-policy', {
      queueUrl: this.queue.url,
      policy: policyDocument([
        {
          Sid: 'EventBridgeDelivers',
          Effect: 'Allow',
          Principal: { Service: ['events.amazonaws.com', 'sqs.amazonaws.com'] },
          Action: 'sqs:SendMessage',
          Resource: this.queue.arn,
        },
        {
          Sid: 'DenyInsecureTransport',
          Effect: 'Deny',
          Principal: '*',
          Action: 'sqs:*',
          Resource: this.queue.arn,
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        },
      ]),
    });
    for (const [event, pattern] of Object.entries(INTERRUPTION_EVENTS)) {
      const rule = new CloudwatchEventRule(this, `rule-${event}`, {
        name: `${clusterName}-${event}`,
        description: `Karpenter: ${pattern['detail-type'][0]}`,
        eventPattern: JSON.stringify(pattern),
      });
      new CloudwatchEventTarget(this, `target-${event}`, {
        rule: rule.name,
        targetId: 'karpenter-interruption-queue',
        arn: this.queue.arn,
      });
    }

    // Karpenter finds node security groups by the same discovery tag the VPC puts on subnets.
    const eks = new DataAwsEksCluster(this, 'cluster', { name: clusterName });
    new Ec2Tag(this, 'security-group-discovery', {
      resourceId: eks.vpcConfig.get(0).clusterSecurityGroupId,
      key: 'karpenter.sh/discovery',
      value: clusterName,
    });
    const pool = props.workloadPool;
    new TerraformOutput(this, BASELINE_CAPACITY_OUTPUT, {
      description: 'Steady-state capacity Karpenter provisions (config workload pool), for the cost estimate',
      value: { instance_types: pool.instanceTypes, capacity_type: 'spot', nodes: pool.desiredSize, disk_gib: pool.diskSizeGiB },
    });
  }
}
