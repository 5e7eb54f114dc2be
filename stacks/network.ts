import { TerraformOutput } from 'cdktf';
import type { Construct } from 'constructs';
import type { StackEnvironment } from '../config/derive/stack-environment.js';
import { availabilityZones, type AwsRegion } from '../config/reference/aws-regions.js';
import { CustomerKey } from '../constructs/aws/kms-key.js';
import { NetworkVpc, type NetworkVpcProps } from '../constructs/aws/vpc.js';
import { PlatformStack } from './platform-stack.js';

/** What the region's other stacks use of its network: resolved at apply time (cross-stack references). */
export interface NetworkExports {
  readonly vpcId: string;
  /** Subnets with a route to the internet gateway (internet-facing load balancers). */
  readonly publicSubnetIds: readonly string[];
  /** Subnets behind NAT (nodes, the CI tunnel). */
  readonly privateSubnetIds: readonly string[];
  /** Subnets without a route out (databases). */
  readonly isolatedSubnetIds: readonly string[];
  /** Key of the region's CloudWatch log groups (flow logs, EKS control plane, databases). */
  readonly logsKeyArn: string;
}

export interface NetworkStackProps {
  readonly environment: StackEnvironment;
  readonly region: AwsRegion;
  /** The VPC's block (environments.<env>.regions.*.vpcCidr; the invariants keep blocks disjoint). */
  readonly cidr: string;
  readonly natGateways: NetworkVpcProps['natGateways'];
  readonly flowLogRetentionDays: number;
  /** The region's cluster: its subnets carry the cluster's discovery tags (ClusterFacts.clusterName). */
  readonly clusterName: string;
}

/** `<env>-<region>-network`: the VPC the region's cluster and data stores live in. */
export class NetworkStack extends PlatformStack {
  readonly network: NetworkVpc;
  /** Key for this region's CloudWatch log groups (flow logs, EKS control plane). */
  readonly logsKey: CustomerKey;
  readonly exports: NetworkExports;

  constructor(scope: Construct, id: string, props: NetworkStackProps) {
    super(scope, { environment: props.environment, region: props.region, kind: 'network', tags: { Service: 'network' } }, id);
    const prefix = `${this.envName}-${this.region}`;
    this.logsKey = new CustomerKey(this, 'logs-key', {
      accountId: this.accountId,
      alias: `${prefix}-logs`,
      description: `CloudWatch Logs of ${this.envName} in ${this.region}`,
      servicePrincipals: [`logs.${this.region}.amazonaws.com`],
    });
    this.network = new NetworkVpc(this, 'vpc', {
      name: prefix,
      region: this.region,
      cidr: props.cidr,
      availabilityZones: availabilityZones(this.region),
      natGateways: props.natGateways,
      flowLogRetentionDays: props.flowLogRetentionDays,
      logsKeyArn: this.logsKey.arn,
      clusterName: props.clusterName,
    });
    const ids = (subnets: { id: string }[]) => subnets.map((s) => s.id);
    this.exports = {
      vpcId: this.network.vpc.id,
      publicSubnetIds: ids(this.network.publicSubnets),
      privateSubnetIds: ids(this.network.privateSubnets),
      isolatedSubnetIds: ids(this.network.isolatedSubnets),
      logsKeyArn: this.logsKey.arn,
    };
    new TerraformOutput(this, 'vpc_id', { value: this.exports.vpcId });
    new TerraformOutput(this, 'private_subnet_ids', { value: this.exports.privateSubnetIds });
    new TerraformOutput(this, 'isolated_subnet_ids', { value: this.exports.isolatedSubnetIds });
  }
}
