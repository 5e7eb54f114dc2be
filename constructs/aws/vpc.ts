import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { DefaultSecurityGroup } from '@cdktf/provider-aws/lib/default-security-group';
import { Eip } from '@cdktf/provider-aws/lib/eip';
import { FlowLog } from '@cdktf/provider-aws/lib/flow-log';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { InternetGateway } from '@cdktf/provider-aws/lib/internet-gateway';
import { NatGateway } from '@cdktf/provider-aws/lib/nat-gateway';
import { RouteTable } from '@cdktf/provider-aws/lib/route-table';
import { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { Construct } from 'constructs';
import { policyDocument } from './iam-policy.js';
import { planSubnets } from './subnet-plan.js';

export interface NetworkVpcProps {
  readonly name: string;
  readonly region: string;
  readonly cidr: string;
  readonly availabilityZones: readonly [string, string, string];
  /** One NAT gateway per AZ, or one shared by all. */
  readonly natGateways: 'per-az' | 'single';
  readonly flowLogRetentionDays: number;
  /** Customer key for the flow-log group. */
  readonly logsKeyArn: string;
  /** Cluster name for the subnet discovery tags of the load balancer controller and Karpenter. */
  readonly clusterName: string;
}

/** Interface endpoints that keep image pulls, STS and telemetry off the NAT gateways. */
export const INTERFACE_ENDPOINTS = ['ecr.api', 'ecr.dkr', 'sts', 'logs', 'monitoring'] as const;

/**
 * A three-AZ VPC: public, private and isolated subnets, NAT, S3 gateway and
 * interface endpoints, flow logs, and a default security group with no rules.
 */
export class NetworkVpc extends Construct {
  readonly vpc: Vpc;
  readonly publicSubnets: Subnet[];
  readonly privateSubnets: Subnet[];
  readonly isolatedSubnets: Subnet[];
  readonly natGateways: NatGateway[];

  constructor(scope: Construct, id: string, props: NetworkVpcProps) {
    super(scope, id);
    const plan = planSubnets(props.cidr);
    const azs = props.availabilityZones;
    this.vpc = new Vpc(this, 'vpc', {
      cidrBlock: props.cidr,
      enableDnsHostnames: true,
      enableDnsSupport: true,
      tags: { Name: props.name },
    });
    const vpcId = this.vpc.id;
    // Removing every rule from the default group stops anything from using it by accident.
    new DefaultSecurityGroup(this, 'default-sg', { vpcId, ingress: [], egress: [], tags: { Name: `${props.name}-default-closed` } });

    const igw = new InternetGateway(this, 'igw', { vpcId, tags: { Name: props.name } });
    const tier = (kind: 'public' | 'private' | 'isolated', tags: Record<string, string>) =>
      azs.map(
        (az, i) =>
          new Subnet(this, `${kind}-${i}`, {
            vpcId,
            availabilityZone: az,
            cidrBlock: plan[kind][i] ?? '',
            mapPublicIpOnLaunch: false,
            tags: { Name: `${props.name}-${kind}-${az}`, Tier: kind, ...tags },
          }),
      );
    this.publicSubnets = tier('public', { 'kubernetes.io/role/elb': '1' });
    this.privateSubnets = tier('private', { 'kubernetes.io/role/internal-elb': '1', 'karpenter.sh/discovery': props.clusterName });
    this.isolatedSubnets = tier('isolated', {});

    const publicRt = new RouteTable(this, 'public-rt', {
      vpcId,
      route: [{ cidrBlock: '0.0.0.0/0', gatewayId: igw.id }],
      tags: { Name: `${props.name}-public` },
    });
    this.publicSubnets.forEach((s, i) => new RouteTableAssociation(this, `public-rta-${i}`, { subnetId: s.id, routeTableId: publicRt.id }));

    const natCount = props.natGateways === 'per-az' ? 3 : 1;
    this.natGateways = Array.from({ length: natCount }, (_, i) => {
      const eip = new Eip(this, `nat-eip-${i}`, { domain: 'vpc', tags: { Name: `${props.name}-nat-${azs[i]}` } });
      return new NatGateway(this, `nat-${i}`, {
        allocationId: eip.allocationId,
        subnetId: this.publicSubnets[i]?.id ?? '',
        tags: { Name: `${props.name}-${azs[i]}` },
        dependsOn: [igw],
      });
    });
    const privateRts = this.privateSubnets.map((s, i) => {
      const nat = this.natGateways[i % natCount];
      const rt = new RouteTable(this, `private-rt-${i}`, {
        vpcId,
        route: [{ cidrBlock: '0.0.0.0/0', natGatewayId: nat?.id }],
        tags: { Name: `${props.name}-private-${azs[i]}` },
      });
      new RouteTableAssociation(this, `private-rta-${i}`, { subnetId: s.id, routeTableId: rt.id });
      return rt;
    });
    // Data subnets get no default route at all: nothing in them reaches the internet.
    const isolatedRt = new RouteTable(this, 'isolated-rt', { vpcId, tags: { Name: `${props.name}-isolated` } });
    this.isolatedSubnets.forEach(
      (s, i) => new RouteTableAssociation(this, `isolated-rta-${i}`, { subnetId: s.id, routeTableId: isolatedRt.id }),
    );

    new VpcEndpoint(this, 'endpoint-s3', {
      vpcId,
      serviceName: `com.amazonaws.${props.region}.s3`,
      vpcEndpointType: 'Gateway',
      routeTableIds: [...privateRts.map((rt) => rt.id), isolatedRt.id],
      tags: { Name: `${props.name}-s3` },
    });
    const endpointSg = new SecurityGroup(this, 'endpoint-sg', {
      name: `${props.name}-endpoints`,
      description: 'HTTPS from inside the VPC to interface endpoints',
      vpcId,
      ingress: [{ description: 'HTTPS from the VPC', fromPort: 443, toPort: 443, protocol: 'tcp', cidrBlocks: [props.cidr] }],
      egress: [],
      tags: { Name: `${props.name}-endpoints` },
    });
    for (const service of INTERFACE_ENDPOINTS) {
      new VpcEndpoint(this, `endpoint-${service.replace('.', '-')}`, {
        vpcId,
        serviceName: `com.amazonaws.${props.region}.${service}`,
        vpcEndpointType: 'Interface',
        privateDnsEnabled: true,
        subnetIds: this.privateSubnets.map((s) => s.id),
        securityGroupIds: [endpointSg.id],
        tags: { Name: `${props.name}-${service}` },
      });
    }

    const flowLogGroup = new CloudwatchLogGroup(this, 'flow-log-group', {
      name: `/aws/vpc/${props.name}/flow-logs`,
      retentionInDays: props.flowLogRetentionDays,
      kmsKeyId: props.logsKeyArn,
    });
    const flowLogRole = new IamRole(this, 'flow-log-role', {
      name: `${props.name}-flow-logs`,
      assumeRolePolicy: policyDocument([
        { Effect: 'Allow', Principal: { Service: 'vpc-flow-logs.amazonaws.com' }, Action: 'sts:AssumeRole' },
      ]),
    });
    new IamRolePolicy(this, 'flow-log-policy', {
      role: flowLogRole.id,
      policy: policyDocument([
        {
          Effect: 'Allow',
          Action: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
          Resource: [flowLogGroup.arn, `${flowLogGroup.arn}:*`],
        },
      ]),
    });
    new FlowLog(this, 'flow-log', {
      vpcId,
      trafficType: 'ALL',
      logDestinationType: 'cloud-watch-logs',
      logDestination: flowLogGroup.arn,
      iamRoleArn: flowLogRole.arn,
      maxAggregationInterval: 60,
    });
  }
}
