import { Lb } from '@cdktf/provider-aws/lib/lb';
import { LbListener } from '@cdktf/provider-aws/lib/lb-listener';
import { LbListenerRule } from '@cdktf/provider-aws/lib/lb-listener-rule';
import { LbTargetGroup } from '@cdktf/provider-aws/lib/lb-target-group';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import type { ITerraformDependable } from 'cdktf';
import { describe, expect, test } from 'vitest';
import { ORIGIN_TLS_POLICY, OriginLoadBalancer, type OriginLoadBalancerProps } from '../../constructs/aws/origin-load-balancer.js';
import { address, all, awsStack, named, only, ref, synth } from './construct-stack.js';

const CERT = 'arn:aws:acm:us-east-1:111122223333:certificate/api';
const nodes = { securityGroupId: 'sg-nodes', trafficPort: 30080, healthPort: 30021, healthPath: '/healthz/ready' };

function build(
  props: Partial<OriginLoadBalancerProps> = {},
  dependsOn: (s: ReturnType<typeof awsStack>) => ITerraformDependable[] = () => [],
) {
  const stack = awsStack();
  new OriginLoadBalancer(stack, 'origin', {
    name: 'prod-use1-api',
    vpcId: 'vpc-1',
    subnetIds: ['subnet-pa', 'subnet-pb'],
    certificateArn: CERT,
    cloudfrontPrefixListId: 'pl-cloudfront',
    healthCheckerPrefixListId: 'pl-route53',
    originVerify: { header: 'X-Origin-Verify', value: 'secret' },
    healthCheckPath: '/healthz',
    nodes,
    accessLogs: { bucket: 'alb-logs', prefix: 'alb', dependsOn: dependsOn(stack) },
    ...props,
  });
  return synth(stack);
}

describe('OriginLoadBalancer', () => {
  test.each([
    ['production-us-east-1-public-api-x', /1-32 letters, digits and hyphens; shorten it/],
    ['prod_api', /1-32 letters, digits and hyphens; shorten it/],
    ['-prod-api', /may not start or end with a hyphen, nor start with 'internal-'; rename it/],
    ['prod-api-', /may not start or end with a hyphen, nor start with 'internal-'; rename it/],
    ['internal-api', /may not start or end with a hyphen, nor start with 'internal-'; rename it/],
  ])('refuses the name %s, which the load balancer API rejects', (name, message) => {
    expect(() => build({ name })).toThrow(new RegExp(`OriginLoadBalancer '${name}': .*${message.source}`));
  });

  test('an internet-facing ALB in the public subnets, dropping invalid headers, deletion-protected, logging access', () => {
    const out = build();
    expect(only(out, Lb.tfResourceType)).toMatchObject({
      name: 'prod-use1-api',
      load_balancer_type: 'application',
      internal: false,
      subnets: ['subnet-pa', 'subnet-pb'],
      drop_invalid_header_fields: true,
      enable_deletion_protection: true,
      access_logs: { bucket: 'alb-logs', prefix: 'alb', enabled: true },
      security_groups: [
        ref(out, SecurityGroup.tfResourceType, 'id', '-edge"'),
        ref(out, SecurityGroup.tfResourceType, 'id', 'health-checkers'),
      ],
    });
  });

  test('waits for the log bucket policy (ELB tests its write access when logging is switched on)', () => {
    const out = build({}, (s) => [new S3BucketPolicy(s, 'logs-policy', { bucket: 'alb-logs', policy: '{}' })]);
    expect(only(out, Lb.tfResourceType).depends_on).toEqual([address(out, S3BucketPolicy.tfResourceType)]);
  });

  test('443 only from the CloudFront and Route53 health-checker prefix lists, one group each', () => {
    const out = build();
    const ingress = all(out, VpcSecurityGroupIngressRule.tfResourceType).filter((r) => r.prefix_list_id);
    expect(ingress.map((r) => [r.security_group_id, r.prefix_list_id, r.from_port, r.to_port, r.ip_protocol])).toEqual([
      [ref(out, SecurityGroup.tfResourceType, 'id', '-edge"'), 'pl-cloudfront', 443, 443, 'tcp'],
      [ref(out, SecurityGroup.tfResourceType, 'id', 'health-checkers'), 'pl-route53', 443, 443, 'tcp'],
    ]);
    expect(all(out, VpcSecurityGroupIngressRule.tfResourceType).some((r) => r.cidr_ipv4 || r.cidr_ipv6)).toBe(false);
  });

  test('the load balancer reaches the nodes on the traffic and health NodePorts only, and the nodes admit it there', () => {
    const out = build();
    const edge = ref(out, SecurityGroup.tfResourceType, 'id', '-edge"');
    const egress = all(out, VpcSecurityGroupEgressRule.tfResourceType);
    expect(egress.map((r) => [r.security_group_id, r.referenced_security_group_id, r.from_port]).sort()).toEqual([
      [edge, 'sg-nodes', 30021],
      [edge, 'sg-nodes', 30080],
    ]);
    const toNodes = all(out, VpcSecurityGroupIngressRule.tfResourceType).filter((r) => r.security_group_id === 'sg-nodes');
    expect(toNodes.map((r) => [r.referenced_security_group_id, r.from_port, r.to_port]).sort()).toEqual([
      [edge, 30021, 30021],
      [edge, 30080, 30080],
    ]);
  });

  test('HTTPS with TLS 1.2+ only; whatever did not come through CloudFront gets 403', () => {
    const out = build();
    expect(only(out, LbListener.tfResourceType)).toMatchObject({
      protocol: 'HTTPS',
      port: 443,
      ssl_policy: ORIGIN_TLS_POLICY,
      certificate_arn: CERT,
      default_action: [
        { type: 'fixed-response', fixed_response: { content_type: 'text/plain', status_code: '403', message_body: 'Forbidden' } },
      ],
    });
    expect(ORIGIN_TLS_POLICY).toBe('ELBSecurityPolicy-TLS13-1-2-2021-06');
  });

  test('requests with the origin-verify header, and the health path, are forwarded to the nodes', () => {
    const out = build();
    const forward = [{ type: 'forward', target_group_arn: ref(out, LbTargetGroup.tfResourceType, 'arn') }];
    expect(named(out, LbListenerRule.tfResourceType, 'X-Origin-Verify')).toMatchObject({
      priority: 10,
      condition: [{ http_header: { http_header_name: 'X-Origin-Verify', values: ['secret'] } }],
      action: forward,
    });
    expect(named(out, LbListenerRule.tfResourceType, 'path_pattern')).toMatchObject({
      priority: 20,
      condition: [{ path_pattern: { values: ['/healthz'] } }],
      action: forward,
    });
  });

  test("the target group sends traffic to the traffic NodePort and checks the gateway's health port", () => {
    expect(only(build(), LbTargetGroup.tfResourceType)).toMatchObject({
      target_type: 'instance',
      protocol: 'HTTP',
      port: 30080,
      deregistration_delay: '30',
      health_check: { protocol: 'HTTP', port: '30021', path: '/healthz/ready', matcher: '200' },
    });
  });
});
