import { DbSubnetGroup } from '@cdktf/provider-aws/lib/db-subnet-group';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { describe, expect, test } from 'vitest';
import { DatabaseNetwork, POSTGRES_PORT } from '../../constructs/aws/database-network.js';
import { all, awsStack, only, PEER_REGION, providerRef, ref, regionProvider, synth } from './construct-stack.js';

const props = {
  name: 'prod-use1-orders',
  vpcId: 'vpc-1',
  subnetIds: ['subnet-a', 'subnet-b', 'subnet-c'],
  clientSecurityGroupId: 'sg-cluster',
};

function build() {
  const stack = awsStack();
  new DatabaseNetwork(stack, 'network', props);
  return synth(stack);
}

describe('DatabaseNetwork', () => {
  test('the subnet group spans the isolated subnets given', () => {
    expect(only(build(), DbSubnetGroup.tfResourceType)).toMatchObject({ name: 'prod-use1-orders-isolated', subnet_ids: props.subnetIds });
  });

  test('the security group has no egress (the database initiates nothing) and no inline ingress', () => {
    const group = only(build(), SecurityGroup.tfResourceType);
    expect(group).toMatchObject({
      name: 'prod-use1-orders-postgres',
      vpc_id: 'vpc-1',
      egress: [],
      tags: { Name: 'prod-use1-orders-postgres' },
    });
    expect(group.ingress).toBeUndefined();
  });

  test('PostgreSQL only, only from the client security group', () => {
    const out = build();
    const rules = all(out, VpcSecurityGroupIngressRule.tfResourceType);
    expect(rules).toHaveLength(1);
    expect(rules[0]).toMatchObject({
      security_group_id: ref(out, SecurityGroup.tfResourceType, 'id'),
      referenced_security_group_id: 'sg-cluster',
      ip_protocol: 'tcp',
      from_port: POSTGRES_PORT,
      to_port: POSTGRES_PORT,
    });
    expect(rules[0].cidr_ipv4).toBeUndefined();
    expect(POSTGRES_PORT).toBe(5432);
  });

  test('a provider of another region places all three there', () => {
    const stack = awsStack();
    new DatabaseNetwork(stack, 'network', { ...props, provider: regionProvider(stack, PEER_REGION) });
    const out = synth(stack);
    for (const type of [DbSubnetGroup, SecurityGroup, VpcSecurityGroupIngressRule])
      expect(only(out, type.tfResourceType).provider).toBe(providerRef(PEER_REGION));
  });
});
