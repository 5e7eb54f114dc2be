import { describe, expect, test } from 'vitest';
import { App, TerraformStack } from 'cdktf';
import { INGRESS_GATEWAY_PORTS } from '../../config/derive/endpoints.js';
import { ORIGIN_TLS_POLICY, OriginLoadBalancer } from '../../constructs/aws/origin-load-balancer.js';
import { internetAlbBehindCloudfront } from '../../policies/aws/internet-alb-behind-cloudfront.js';
import { awsContext, stackResources } from '../../policies/terraform.js';
import type { TerraformJson } from '../../tools/synth/output.js';
import { clusterAt, findObject } from '../support/manifests.js';
import { platformConfig, platformStackNames, resourcesOf, stackJson, synthStack } from '../support/platform.js';

const STACK = 'prod-us-west-2-ingress';
const one = (type: string) => {
  const [resource, ...rest] = resourcesOf(STACK, type);
  if (!resource || rest.length > 0) throw new Error(`expected one ${type} in ${STACK}`);
  return resource as Record<string, any>;
};
const named = (type: string, ref: string) => {
  const name = new RegExp(`${type}\\.([\\w-]+)\\.`).exec(ref)?.[1] ?? '';
  return stackJson(STACK).resource[type][name] as Record<string, any>;
};

describe('regional ingress stack', () => {
  test('one per region of the environments behind the protected edge', () => {
    const stacks = platformStackNames().filter((id) => id.endsWith('-ingress'));
    expect(stacks).toEqual(['prod-us-east-1-ingress', 'prod-us-west-2-ingress']);
  });

  test('api-<region> resolves: Terraform writes its alias to the load balancer (no external-dns)', () => {
    const [alias] = resourcesOf(STACK, 'aws_route53_record').filter((r) => r.alias);
    expect(alias).toMatchObject({ name: 'api-us-west-2.tradesense.io', type: 'A' });
    expect(alias.alias.name).toMatch(/^\$\{aws_lb\.[\w-]+\.dns_name\}$/);
    expect(alias.zone_id).toMatch(/data\.aws_route53_zone\.zone/);
  });

  test('an internet-facing ALB in the public subnets, deletion-protected, dropping invalid headers, logging to its bucket', () => {
    const lb = one('aws_lb');
    expect(lb).toMatchObject({
      internal: false,
      load_balancer_type: 'application',
      enable_deletion_protection: true,
      drop_invalid_header_fields: true,
    });
    expect(lb.subnets).toHaveLength(3);
    for (const subnet of lb.subnets) expect(subnet).toMatch(/prod-us-west-2-network\.outputs\..*aws_subnetvpc_public-/);
    const bucket = named('aws_s3_bucket', lb.access_logs.bucket);
    expect(bucket).toMatchObject({
      bucket: 'tradesense-prod-ingress-logs-us-west-2-410987654321',
      lifecycle: { prevent_destroy: true },
      tags: { DataClass: 'network-logs' },
    });
    expect(lb.access_logs).toMatchObject({ enabled: true, prefix: 'alb' });
    // ELB checks its write access when logging is switched on: the bucket policy must exist first.
    expect(lb.depends_on).toEqual([expect.stringMatching(/^aws_s3_bucket_policy\./)]);
  });

  test("only CloudFront's origin-facing servers (and Route53's health checkers) reach it, on 443", () => {
    const lb = one('aws_lb');
    const lists = stackJson(STACK).data?.aws_ec2_managed_prefix_list as Record<string, any>;
    const admitted = resourcesOf(STACK, 'aws_vpc_security_group_ingress_rule')
      .filter((r) => lb.security_groups.includes(r.security_group_id))
      .map((r) => [
        r.from_port,
        r.to_port,
        lists[/aws_ec2_managed_prefix_list\.([\w-]+)\./.exec(r.prefix_list_id)?.[1] ?? '']?.name,
        r.cidr_ipv4,
      ]);
    expect(admitted.sort()).toEqual([
      [443, 443, 'com.amazonaws.global.cloudfront.origin-facing', undefined],
      [443, 443, 'com.amazonaws.us-west-2.route53-healthchecks', undefined],
    ]);
  });

  test('the internet-alb-behind-cloudfront guardrail finds the ALB compliant (and applicable)', () => {
    const resources = stackResources({ name: STACK, json: stackJson(STACK) as TerraformJson });
    const lb = resources.find((r) => r.type === 'aws_lb');
    if (!lb) throw new Error('no aws_lb');
    expect(internetAlbBehindCloudfront.check(lb, awsContext(platformConfig(), resources))).toBe('compliant');
  });

  test('HTTPS with TLS 1.2+ and a DNS-validated certificate for the regional and the failover name', () => {
    const listener = one('aws_lb_listener');
    expect(listener).toMatchObject({ protocol: 'HTTPS', port: 443, ssl_policy: ORIGIN_TLS_POLICY });
    expect(listener.certificate_arn).toMatch(/^\$\{aws_acm_certificate_validation\.[\w-]+\.certificate_arn\}$/);
    expect(one('aws_acm_certificate')).toMatchObject({
      domain_name: 'api-us-west-2.tradesense.io',
      subject_alternative_names: ['api-origin.tradesense.io'],
      validation_method: 'DNS',
    });
    const validation = resourcesOf(STACK, 'aws_route53_record').find((r) => r.for_each);
    expect(validation?.for_each).toMatch(/aws_acm_certificate\.[\w-]+\.domain_validation_options/);
  });

  test('requests without the origin-verify header are refused, except the Route53 health path', () => {
    const listener = one('aws_lb_listener');
    expect(listener.default_action).toEqual([
      expect.objectContaining({ type: 'fixed-response', fixed_response: expect.objectContaining({ status_code: '403' }) }),
    ]);
    const rules = resourcesOf(STACK, 'aws_lb_listener_rule').sort((a, b) => a.priority - b.priority);
    expect(rules.map((r) => r.condition)).toEqual([
      [
        {
          http_header: {
            http_header_name: 'X-Origin-Verify',
            values: [`\${data.aws_secretsmanager_secret_version.origin-verify.secret_string}`],
          },
        },
      ],
      [{ path_pattern: { values: ['/healthz'] } }],
    ]);
    expect(synthStack(STACK)).toHaveDataSourceWithProperties('aws_secretsmanager_secret_version', { secret_id: 'prod/edge/origin-verify' });
  });

  test('forwards to the Istio gateway NodePort on every managed node group, health-checked on its status port', () => {
    const group = one('aws_lb_target_group');
    expect(group).toMatchObject({ target_type: 'instance', protocol: 'HTTP', port: INGRESS_GATEWAY_PORTS.http.nodePort });
    expect(group.health_check).toMatchObject({
      port: String(INGRESS_GATEWAY_PORTS.status.nodePort),
      path: '/healthz/ready',
      matcher: '200',
    });
    const attachments = resourcesOf(STACK, 'aws_autoscaling_attachment');
    // prod runs Karpenter: the system group is the only managed one; kube-proxy forwards to gateway pods on any node.
    expect(attachments.map((a) => a.autoscaling_group_name).sort()).toEqual([
      expect.stringMatching(/prod-us-west-2-cluster\.outputs\..*node-group-system.*autoscaling_groups0name/),
    ]);
  });

  test('the nodes admit the load balancer on the two NodePorts only', () => {
    const lbGroups = one('aws_lb').security_groups as string[];
    const toNodes = resourcesOf(STACK, 'aws_vpc_security_group_ingress_rule').filter((r) => !lbGroups.includes(r.security_group_id));
    expect(toNodes.map((r) => [r.from_port, r.to_port]).sort()).toEqual([
      [30021, 30021],
      [30080, 30080],
    ]);
    for (const rule of toNodes) {
      expect(rule.security_group_id).toMatch(/prod-us-west-2-cluster\.outputs\..*cluster_security_group_id/);
      expect(lbGroups).toContain(rule.referenced_security_group_id);
    }
  });

  test('both halves agree: the gateway Service is a NodePort on the ports the target group uses', () => {
    const app = findObject(clusterAt('prod/us-west-2'), { kind: 'Application', name: 'istio-ingress' });
    const service = (app.spec as any).source.helm.valuesObject.service;
    expect(service.type).toBe('NodePort');
    expect(service.annotations).toBeUndefined();
    const nodePorts = Object.fromEntries(service.ports.map((p: any) => [p.name, p.nodePort]));
    expect(nodePorts).toEqual({ 'status-port': one('aws_lb_target_group').health_check.port * 1, http2: one('aws_lb_target_group').port });
  });
});

describe('OriginLoadBalancer', () => {
  test('refuses a name the load balancer API would reject', () => {
    const stack = new TerraformStack(new App(), 'test');
    const nodes = { securityGroupId: 'sg', trafficPort: 30080, healthPort: 30021, healthPath: '/healthz/ready' };
    const props = {
      vpcId: 'vpc',
      subnetIds: ['a'],
      certificateArn: 'arn',
      cloudfrontPrefixListId: 'pl-1',
      healthCheckerPrefixListId: 'pl-2',
      originVerify: { header: 'X-Origin-Verify', value: 'v' },
      healthCheckPath: '/healthz',
      nodes,
      accessLogs: { bucket: 'b', prefix: 'alb', dependsOn: [] },
    };
    expect(() => new OriginLoadBalancer(stack, 'too-long', { ...props, name: 'production-ap-southeast-2-public-api' })).toThrow(
      /1-32 letters, digits and hyphens; shorten it/,
    );
    expect(() => new OriginLoadBalancer(stack, 'ok', { ...props, name: 'prod-ap-southeast-2-api' })).not.toThrow();
  });
});
