import { DefaultSecurityGroup } from '@cdktf/provider-aws/lib/default-security-group';
import { FlowLog } from '@cdktf/provider-aws/lib/flow-log';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { describe, expect, test } from 'vitest';
import { retentionDays } from '../../config/derive/retention.js';
import { clusterTargets, type ClusterTarget } from '../../config/derive/targets.js';
import { availabilityZones } from '../../config/reference/aws-regions.js';
import { INTERFACE_ENDPOINTS } from '../../constructs/aws/vpc.js';
import { platformConfig, resourcesOf, synthStack } from '../support/platform.js';

const targets = clusterTargets(platformConfig());
const network = (t: ClusterTarget) => `${t.envName}-${t.region}-network`;
const prod = targets.find((t) => t.envName === 'prod' && t.role === 'primary') as ClusterTarget;
const STACK = network(prod);

describe('network stack', () => {
  test.each(targets.map((t) => [`${t.envName}/${t.region}`, t] as const))('%s: a VPC with the configured CIDR', (_where, target) => {
    expect(synthStack(network(target))).toHaveResourceWithProperties(Vpc, { cidr_block: target.spec.vpcCidr, enable_dns_hostnames: true });
  });

  test("public, private and isolated subnets over the region's three AZs", () => {
    const subnets = resourcesOf(STACK, 'aws_subnet');
    expect(subnets).toHaveLength(9);
    const byTier = (tier: string) =>
      subnets
        .filter((s) => s.tags.Tier === tier)
        .map((s) => s.availability_zone)
        .sort();
    for (const tier of ['public', 'private', 'isolated']) expect(byTier(tier)).toEqual([...availabilityZones(prod.region)].sort());
    expect(subnets.every((s) => s.map_public_ip_on_launch === false)).toBe(true);
  });

  test('a NAT gateway per AZ where configured per-az, else a single one', () => {
    for (const target of targets) {
      const expected = target.env.network.natGateways === 'per-az' ? availabilityZones(target.region).length : 1;
      expect(resourcesOf(network(target), 'aws_nat_gateway'), network(target)).toHaveLength(expected);
    }
  });

  test('isolated subnets have no route to the internet', () => {
    const tables = resourcesOf(STACK, 'aws_route_table');
    const isolated = tables.find((t) => t.tags.Name.endsWith('-isolated'));
    expect(isolated?.route).toBeUndefined();
  });

  test('S3 gateway and interface endpoints for ECR, STS and CloudWatch', () => {
    const endpoints = resourcesOf(STACK, 'aws_vpc_endpoint');
    expect(endpoints.map((e) => e.service_name).sort()).toEqual(
      [...INTERFACE_ENDPOINTS, 's3'].map((s) => `com.amazonaws.${prod.region}.${s}`).sort(),
    );
    expect(endpoints.find((e) => e.service_name.endsWith('.s3'))?.vpc_endpoint_type).toBe('Gateway');
  });

  test('flow logs of all traffic into a KMS-encrypted group kept per the retention table', () => {
    expect(synthStack(STACK)).toHaveResourceWithProperties(FlowLog, { traffic_type: 'ALL', log_destination_type: 'cloud-watch-logs' });
    const [group] = resourcesOf(STACK, 'aws_cloudwatch_log_group');
    expect(group).toMatchObject({
      name: `/aws/vpc/${prod.envName}-${prod.region}/flow-logs`,
      retention_in_days: retentionDays(platformConfig(), 'network-logs'),
      kms_key_id: expect.stringContaining('aws_kms_key'),
    });
  });

  test('the default security group is closed', () => {
    expect(synthStack(STACK)).toHaveResourceWithProperties(DefaultSecurityGroup, { ingress: [], egress: [] });
  });
});
