import { DbSubnetGroup } from '@cdktf/provider-aws/lib/db-subnet-group';
import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { Construct } from 'constructs';

export const POSTGRES_PORT = 5432;

export interface DatabaseNetworkProps {
  /** Prefix of the subnet group and security group names. */
  readonly name: string;
  readonly vpcId: string;
  /** Isolated subnets: no route to the internet either way. */
  readonly subnetIds: string[];
  /** The only security group admitted (the EKS cluster security group). */
  readonly clientSecurityGroupId: string;
  /** @default the stack's provider */
  readonly provider?: AwsProvider;
}

/**
 * Where a database lives in one region: a subnet group over the isolated
 * subnets and a security group admitting PostgreSQL only from the cluster.
 */
export class DatabaseNetwork extends Construct {
  readonly subnetGroup: DbSubnetGroup;
  readonly securityGroup: SecurityGroup;

  constructor(scope: Construct, id: string, props: DatabaseNetworkProps) {
    super(scope, id);
    const provider = props.provider;
    this.subnetGroup = new DbSubnetGroup(this, 'subnet-group', {
      name: `${props.name}-isolated`,
      description: `Isolated subnets of ${props.name}`,
      subnetIds: props.subnetIds,
      provider,
    });
    // No egress rules: the database initiates no connections.
    this.securityGroup = new SecurityGroup(this, 'security-group', {
      name: `${props.name}-postgres`,
      description: `PostgreSQL of ${props.name}, reachable from the EKS cluster only`,
      vpcId: props.vpcId,
      egress: [],
      tags: { Name: `${props.name}-postgres` },
      provider,
    });
    new VpcSecurityGroupIngressRule(this, 'from-cluster', {
      securityGroupId: this.securityGroup.id,
      referencedSecurityGroupId: props.clientSecurityGroupId,
      ipProtocol: 'tcp',
      fromPort: POSTGRES_PORT,
      toPort: POSTGRES_PORT,
      description: 'PostgreSQL from the EKS cluster security group',
      provider,
    });
  }
}
