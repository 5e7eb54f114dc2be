import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import {
  failoverGateAlarmName,
  failoverGateMetric,
  INGRESS_GATEWAY_PORTS,
  ORIGIN_VERIFY_HEADER,
  originVerifySecretName,
} from '../../../config/derive/endpoints.js';
import { failoverLinkName } from '../../../config/derive/dns-failover.js';
import { INVARIANTS } from '../../../config/invariants/all.js';
import { AURORA_GLOBAL_SECONDARY_REGIONS, RDS_CROSS_REGION_READ_REPLICAS } from '../../../config/reference/aws-limits.js';
import { locateResources } from '../../../policies/output/cross-region-copies.js';
import { GATE_INSUFFICIENT_DATA } from '../../../constructs/aws/failover-gate.js';
import { ORIGIN_TLS_POLICY } from '../../../constructs/aws/origin-load-balancer.js';
import { CLOUDFRONT_ORIGIN_FACING_PREFIX_LIST, route53HealthCheckersPrefixList } from '../../../stacks/ingress.js';
import { dataStacksOf } from '../../support/data-stacks.js';
import { configWith, platformConfig, resourcesOf } from '../../support/platform.js';

const DOC = readFileSync(join(import.meta.dirname, '..', '..', '..', 'docs', 'disaster-recovery.md'), 'utf8');
function section(heading: string): string {
  const start = DOC.indexOf(heading);
  if (start < 0) throw new Error(`docs/disaster-recovery.md has no '${heading}'`);
  const end = DOC.indexOf('\n## ', start + 1);
  return DOC.slice(start, end < 0 ? undefined : end);
}

describe('docs/disaster-recovery.md: ingress and failover claims match the code', () => {
  test('the gate: metric, alarm name, and what silence means', () => {
    const failover = section('## Failover without us-east-1');
    const metric = failoverGateMetric(platformConfig());
    expect(metric.namespace).toBe(`${platformConfig().organization.name}/dns-failover`);
    expect(failover).toContain('`<org>/dns-failover`');
    expect(failover).toContain(`\`${metric.metricName}\``);
    expect(failoverGateAlarmName('prod', 'us-east-1')).toBe('prod-us-east-1-api-gate-closed');
    expect(failover).toContain('`<env>-<region>-api-gate-closed`');
    expect(failover).toContain(`| \`${GATE_INSUFFICIENT_DATA}\` (chosen) |`);
  });

  test('the gate costs two alarms and four health checks per environment', () => {
    expect(section('## Failover without us-east-1')).toContain('two alarms and four health checks');
    const stack = 'prod-global-dns-failover';
    expect(
      resourcesOf(stack, 'aws_cloudwatch_metric_alarm').filter((a) => a.namespace === failoverGateMetric(platformConfig()).namespace),
    ).toHaveLength(2);
    expect(
      resourcesOf(stack, 'aws_route53_health_check').filter((c) => c.type === 'CLOUDWATCH_METRIC' || c.type === 'CALCULATED'),
    ).toHaveLength(4);
  });

  test('the regional ingress: prefix lists, TLS policy, header, NodePorts, secret', () => {
    const stacks = section('## Stacks');
    for (const fact of [
      CLOUDFRONT_ORIGIN_FACING_PREFIX_LIST,
      route53HealthCheckersPrefixList('<region>'),
      ORIGIN_TLS_POLICY,
      ORIGIN_VERIFY_HEADER,
      `NodePort ${INGRESS_GATEWAY_PORTS.http.nodePort}`,
      `status NodePort ${INGRESS_GATEWAY_PORTS.status.nodePort} (\`${INGRESS_GATEWAY_PORTS.status.path}\`)`,
      `plain HTTP port ${INGRESS_GATEWAY_PORTS.http.port}`,
      originVerifySecretName('<env>'),
    ])
      expect(stacks).toContain(fact);
  });

  test('n regions: n(n-1) gate alarms and n² gate and calculated checks, and the chain names its links', () => {
    expect(section('## Failover without us-east-1')).toContain('n regions:\nn(n-1) alarms and n² health checks');
    const config = configWith((c) => {
      c.environments.prod?.regions.replicas?.push({ region: 'eu-west-1', vpcCidr: '10.32.0.0/16' });
      if (c.security.edge?.prod) c.security.edge.prod.failoverRegion = 'us-west-2';
    });
    const dns = locateResources({
      stacks: dataStacksOf(config, 'prod').filter((s) => s.name === 'prod-global-dns-failover'),
      clusters: [],
    });
    const n = 3;
    expect(
      dns.filter((r) => r.type === 'aws_cloudwatch_metric_alarm' && r.body.namespace === failoverGateMetric(config).namespace),
    ).toHaveLength(n * (n - 1));
    expect(dns.filter((r) => r.type === 'aws_route53_health_check' && r.body.type !== 'HTTPS')).toHaveLength(n * n);
    expect(section('## Stacks')).toContain('`<recordName>-from-<first replica>.<domain>`');
    expect(
      failoverLinkName(
        '<domain>',
        {
          recordName: '<recordName>',
          healthCheck: { path: '/', port: 443, failureThreshold: 3, requestIntervalSeconds: 10 },
          ttlSeconds: 60,
        },
        'us-west-2',
      ),
    ).toBe('<recordName>-from-us-west-2.<domain>');
  });

  test("the regions section names AWS's limits as the rules enforce them", () => {
    const regions = DOC.split('### Regions')[1]?.split('\n### ')[0]?.replace(/\s+/g, ' ') ?? '';
    expect(regions).toContain(
      `\`rds-replicas-within-limit\` (at most ${RDS_CROSS_REGION_READ_REPLICAS} replica regions for \`rds-postgres\``,
    );
    expect(regions).toContain(
      `\`aurora-secondaries-within-limit\` (at most ${AURORA_GLOBAL_SECONDARY_REGIONS} for \`aurora-postgres-global\``,
    );
    expect(INVARIANTS.map((r) => r.id)).toEqual(expect.arrayContaining(['rds-replicas-within-limit', 'aurora-secondaries-within-limit']));
  });
});
