import { describe, expect, test } from 'vitest';
import { regionalApiHostname } from '../../config/endpoints.js';
import { platformApp, platformConfig, resourcesOf, stackJson } from '../support/platform.js';

const STACK = 'prod-global-dns-failover';

describe('DNS failover stack', () => {
  test('only environments with dnsFailover get one', () => {
    expect(platformApp().node.children.map((c) => c.node.id).filter((n) => n.endsWith('-dns-failover'))).toEqual([STACK]);
  });

  test('an HTTPS health check on each prod region\'s API hostname', () => {
    const config = platformConfig();
    const checks = resourcesOf(STACK, 'aws_route53_health_check');
    expect(checks.map((c) => c.fqdn).sort()).toEqual([regionalApiHostname(config, 'us-east-1'), regionalApiHostname(config, 'us-west-2')]);
    for (const check of checks) {
      expect(check).toMatchObject({ type: 'HTTPS', port: 443, resource_path: '/healthz', failure_threshold: 3, request_interval: 10, enable_sni: true });
    }
  });

  test('PRIMARY and SECONDARY failover records, each guarded by its region\'s check', () => {
    const json = stackJson(STACK);
    const records = resourcesOf(STACK, 'aws_route53_record');
    expect(records.map((r) => [r.failover_routing_policy.type, r.records[0]]).sort()).toEqual([
      ['PRIMARY', 'api-us-east-1.tradesense.io'],
      ['SECONDARY', 'api-us-west-2.tradesense.io'],
    ]);
    for (const record of records) {
      expect(record).toMatchObject({ name: 'api-origin.tradesense.io', type: 'CNAME', ttl: 60 });
      const check = /aws_route53_health_check\.([\w-]+)\.id/.exec(record.health_check_id)?.[1] ?? '';
      expect(json.resource.aws_route53_health_check[check].fqdn).toBe(record.records[0]);
      expect(record.zone_id).toMatch(/data\.aws_route53_zone\./);
    }
    expect(Object.values(json.data?.aws_route53_zone ?? {})).toEqual([expect.objectContaining({ name: 'tradesense.io', private_zone: false })]);
  });

  test('alarms on health-check status, in us-east-1 where Route53 publishes them, page an encrypted topic', () => {
    const alarms = resourcesOf(STACK, 'aws_cloudwatch_metric_alarm');
    expect(alarms.map((a) => a.alarm_name).sort()).toEqual(['prod-us-east-1-api-unhealthy', 'prod-us-west-2-api-unhealthy']);
    const providers = stackJson(STACK).provider.aws as Record<string, any>[];
    for (const alarm of alarms) {
      expect(alarm).toMatchObject({ namespace: 'AWS/Route53', metric_name: 'HealthCheckStatus', comparison_operator: 'LessThanThreshold', threshold: 1 });
      expect(alarm.dimensions.HealthCheckId).toMatch(/aws_route53_health_check\./);
      expect(alarm.alarm_actions[0]).toMatch(/aws_sns_topic\./);
      const alias = (alarm.provider ?? 'aws').replace(/^aws\.?/, '');
      expect(providers.find((p) => (p.alias ?? '') === alias)?.region).toBe('us-east-1');
    }
    expect(resourcesOf(STACK, 'aws_sns_topic')[0].kms_master_key_id).toMatch(/aws_kms_key\./);
  });
});
