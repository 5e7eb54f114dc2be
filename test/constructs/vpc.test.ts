import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { DefaultSecurityGroup } from '@cdktf/provider-aws/lib/default-security-group';
import { FlowLog } from '@cdktf/provider-aws/lib/flow-log';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { NatGateway } from '@cdktf/provider-aws/lib/nat-gateway';
import { RouteTable } from '@cdktf/provider-aws/lib/route-table';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { describe, expect, test } from 'vitest';
import { planSubnets } from '../../constructs/aws/subnet-plan.js';
import { INTERFACE_ENDPOINTS, NetworkVpc, type NetworkVpcProps } from '../../constructs/aws/vpc.js';
import { all, awsStack, named, only, ref, synth } from './construct-stack.js';

const AZS = ['us-east-1a', 'us-east-1b', 'us-east-1c'] as const;
const LOGS_KEY = 'arn:aws:kms:us-east-1:111122223333:key/logs';

function build(props: Partial<NetworkVpcProps> = {}) {
  const stack = awsStack();
  new NetworkVpc(stack, 'vpc', {
    name: 'prod-use1',
    region: 'us-east-1',
    cidr: '10.40.0.0/16',
    availabilityZones: AZS,
    natGateways: 'per-az',
    flowLogRetentionDays: 90,
    logsKeyArn: LOGS_KEY,
    clusterName: 'prod-use1',
    ...props,
  });
  return synth(stack);
}

const subnets = (out: ReturnType<typeof build>, tier: string) => all(out, Subnet.tfResourceType).filter((s) => s.tags.Tier === tier);

describe('NetworkVpc', () => {
  test('the VPC has DNS on, and the default security group is closed', () => {
    const out = build();
    expect(only(out, Vpc.tfResourceType)).toMatchObject({
      cidr_block: '10.40.0.0/16',
      enable_dns_hostnames: true,
      enable_dns_support: true,
    });
    expect(only(out, DefaultSecurityGroup.tfResourceType)).toMatchObject({ ingress: [], egress: [] });
  });

  test.each(['public', 'private', 'isolated'] as const)(
    '%s subnets follow the subnet plan, one per AZ, no public IPs on launch',
    (tier) => {
      const found = subnets(build(), tier);
      expect(found.map((s) => [s.availability_zone, s.cidr_block])).toEqual(AZS.map((az, i) => [az, planSubnets('10.40.0.0/16')[tier][i]]));
      for (const subnet of found) expect(subnet.map_public_ip_on_launch).toBe(false);
    },
  );

  test('discovery tags: public for internet-facing load balancers, private for internal ones and Karpenter', () => {
    const out = build({ clusterName: 'prod-use1-eks' });
    for (const s of subnets(out, 'public')) expect(s.tags).toMatchObject({ 'kubernetes.io/role/elb': '1' });
    for (const s of subnets(out, 'private'))
      expect(s.tags).toMatchObject({ 'kubernetes.io/role/internal-elb': '1', 'karpenter.sh/discovery': 'prod-use1-eks' });
    for (const s of subnets(out, 'isolated')) expect(Object.keys(s.tags).sort()).toEqual(['Name', 'Tier']);
  });

  test.each([
    ['per-az', 3],
    ['single', 1],
  ] as const)('NAT gateways %s: %i, each private route table defaults through one', (natGateways, count) => {
    const out = build({ natGateways });
    const nats = all(out, NatGateway.tfResourceType);
    expect(nats).toHaveLength(count);
    const natRefs = Object.keys(out.resource[NatGateway.tfResourceType] ?? {}).map((k) => `\${${NatGateway.tfResourceType}.${k}.id}`);
    const privateTables = all(out, RouteTable.tfResourceType).filter((t) => t.tags.Name.includes('-private-'));
    expect(privateTables).toHaveLength(3);
    for (const table of privateTables) expect(natRefs).toContain(table.route[0].nat_gateway_id);
    expect(new Set(privateTables.map((t) => t.route[0].nat_gateway_id)).size).toBe(count);
  });

  test('isolated subnets have no route anywhere', () => {
    expect(named(build(), RouteTable.tfResourceType, 'prod-use1-isolated').route).toBeUndefined();
  });

  test('S3 gateway endpoint on private and isolated tables; interface endpoints with private DNS, HTTPS from the VPC only', () => {
    const out = build();
    const endpoints = all(out, VpcEndpoint.tfResourceType);
    expect(endpoints.find((e) => e.vpc_endpoint_type === 'Gateway')).toMatchObject({ service_name: 'com.amazonaws.us-east-1.s3' });
    expect(endpoints.find((e) => e.vpc_endpoint_type === 'Gateway').route_table_ids).toHaveLength(4);
    const interfaces = endpoints.filter((e) => e.vpc_endpoint_type === 'Interface');
    expect(interfaces.map((e) => e.service_name).sort()).toEqual(INTERFACE_ENDPOINTS.map((s) => `com.amazonaws.us-east-1.${s}`).sort());
    const sg = ref(out, SecurityGroup.tfResourceType, 'id', 'endpoints');
    for (const e of interfaces) expect(e).toMatchObject({ private_dns_enabled: true, security_group_ids: [sg] });
    expect(named(out, SecurityGroup.tfResourceType, 'endpoints')).toMatchObject({
      egress: [],
      ingress: [expect.objectContaining({ from_port: 443, to_port: 443, protocol: 'tcp', cidr_blocks: ['10.40.0.0/16'] })],
    });
  });

  test('all traffic is flow-logged every minute to a KMS-encrypted group with retention, through a role scoped to it', () => {
    const out = build({ flowLogRetentionDays: 365 });
    expect(only(out, CloudwatchLogGroup.tfResourceType)).toMatchObject({
      name: '/aws/vpc/prod-use1/flow-logs',
      retention_in_days: 365,
      kms_key_id: LOGS_KEY,
    });
    const group = ref(out, CloudwatchLogGroup.tfResourceType, 'arn');
    expect(only(out, FlowLog.tfResourceType)).toMatchObject({
      traffic_type: 'ALL',
      log_destination_type: 'cloud-watch-logs',
      log_destination: group,
      max_aggregation_interval: 60,
      iam_role_arn: ref(out, IamRole.tfResourceType, 'arn'),
    });
    expect(JSON.parse(only(out, IamRole.tfResourceType).assume_role_policy).Statement[0].Principal).toEqual({
      Service: 'vpc-flow-logs.amazonaws.com',
    });
    expect(JSON.parse(only(out, IamRolePolicy.tfResourceType).policy).Statement[0].Resource).toEqual([group, `${group}:*`]);
  });
});
