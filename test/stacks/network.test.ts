import { DefaultSecurityGroup } from '@cdktf/provider-aws/lib/default-security-group';
import { FlowLog } from '@cdktf/provider-aws/lib/flow-log';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { describe, expect, test } from 'vitest';
import { resourcesOf, synthStack } from '../support/platform.js';

describe('network stack', () => {
  test('a VPC per environment and region, with the configured CIDR', () => {
    expect(synthStack('prod-us-west-2-network')).toHaveResourceWithProperties(Vpc, { cidr_block: '10.31.0.0/16', enable_dns_hostnames: true });
    expect(synthStack('dev-us-east-1-network')).toHaveResourceWithProperties(Vpc, { cidr_block: '10.10.0.0/16' });
  });

  test('public, private and isolated subnets over three AZs', () => {
    const subnets = resourcesOf('prod-us-east-1-network', 'aws_subnet');
    expect(subnets).toHaveLength(9);
    const byTier = (tier: string) => subnets.filter((s) => s.tags.Tier === tier).map((s) => s.availability_zone).sort();
    for (const tier of ['public', 'private', 'isolated']) expect(byTier(tier)).toEqual(['us-east-1a', 'us-east-1b', 'us-east-1c']);
    expect(subnets.every((s) => s.map_public_ip_on_launch === false)).toBe(true);
  });

  test('NAT per AZ in prod, a single NAT elsewhere', () => {
    expect(resourcesOf('prod-us-east-1-network', 'aws_nat_gateway')).toHaveLength(3);
    expect(resourcesOf('staging-us-east-1-network', 'aws_nat_gateway')).toHaveLength(1);
    expect(resourcesOf('dev-us-east-1-network', 'aws_nat_gateway')).toHaveLength(1);
  });

  test('isolated subnets have no route to the internet', () => {
    const tables = resourcesOf('prod-us-east-1-network', 'aws_route_table');
    const isolated = tables.find((t) => t.tags.Name.endsWith('-isolated'));
    expect(isolated?.route).toBeUndefined();
  });

  test('S3 gateway and interface endpoints for ECR, STS and CloudWatch', () => {
    const endpoints = resourcesOf('prod-us-east-1-network', 'aws_vpc_endpoint');
    expect(endpoints.map((e) => e.service_name).sort()).toEqual([
      'com.amazonaws.us-east-1.ecr.api', 'com.amazonaws.us-east-1.ecr.dkr', 'com.amazonaws.us-east-1.logs',
      'com.amazonaws.us-east-1.monitoring', 'com.amazonaws.us-east-1.s3', 'com.amazonaws.us-east-1.sts',
    ]);
    expect(endpoints.find((e) => e.service_name.endsWith('.s3'))?.vpc_endpoint_type).toBe('Gateway');
  });

  test('flow logs of all traffic into a KMS-encrypted group kept per the retention table', () => {
    const text = synthStack('prod-us-east-1-network');
    expect(text).toHaveResourceWithProperties(FlowLog, { traffic_type: 'ALL', log_destination_type: 'cloud-watch-logs' });
    const [group] = resourcesOf('prod-us-east-1-network', 'aws_cloudwatch_log_group');
    expect(group).toMatchObject({ name: '/aws/vpc/prod-us-east-1/flow-logs', retention_in_days: 365, kms_key_id: expect.stringContaining('aws_kms_key') });
  });

  test('the default security group is closed', () => {
    expect(synthStack('prod-us-east-1-network')).toHaveResourceWithProperties(DefaultSecurityGroup, { ingress: [], egress: [] });
  });
});
