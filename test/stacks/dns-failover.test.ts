import { describe, expect, test } from 'vitest';
import { failoverGateAlarmName, regionalApiHostname } from '../../config/derive/endpoints.js';
import { GATE_INSUFFICIENT_DATA } from '../../constructs/aws/failover-gate.js';
import { platformApp, platformConfig, resourcesOf, stackJson } from '../support/platform.js';

const STACK = 'prod-global-dns-failover';
const providers = () => stackJson(STACK).provider.aws as Record<string, any>[];
const regionOf = (resource: Record<string, any>) => {
  const alias = (resource.provider ?? 'aws').replace(/^aws\.?/, '');
  return providers().find((p) => (p.alias ?? '') === alias)?.region;
};
const checkNamed = (ref: string) => {
  const name = /aws_route53_health_check\.([\w-]+)\.id/.exec(ref)?.[1] ?? '';
  return stackJson(STACK).resource.aws_route53_health_check[name] as Record<string, any>;
};

describe('DNS failover stack', () => {
  test('only environments with dnsFailover get one', () => {
    expect(platformApp().node.children.map((c) => c.node.id).filter((n) => n.endsWith('-dns-failover'))).toEqual([STACK]);
  });

  test('an HTTPS health check on each prod region\'s API hostname', () => {
    const config = platformConfig();
    const checks = resourcesOf(STACK, 'aws_route53_health_check').filter((c) => c.type === 'HTTPS');
    expect(checks.map((c) => c.fqdn).sort()).toEqual([regionalApiHostname(config, 'us-east-1'), regionalApiHostname(config, 'us-west-2')]);
    for (const check of checks) {
      expect(check).toMatchObject({ type: 'HTTPS', port: 443, resource_path: '/healthz', failure_threshold: 3, request_interval: 10, enable_sni: true });
    }
  });

  test('PRIMARY and SECONDARY failover records, each following its region\'s endpoint AND gate', () => {
    const json = stackJson(STACK);
    const records = resourcesOf(STACK, 'aws_route53_record');
    expect(records.map((r) => [r.failover_routing_policy.type, r.records[0]]).sort()).toEqual([
      ['PRIMARY', 'api-us-east-1.tradesense.io'],
      ['SECONDARY', 'api-us-west-2.tradesense.io'],
    ]);
    for (const record of records) {
      expect(record).toMatchObject({ name: 'api-origin.tradesense.io', type: 'CNAME', ttl: 60 });
      const combined = checkNamed(record.health_check_id);
      expect(combined).toMatchObject({ type: 'CALCULATED', child_health_threshold: 2 });
      const [endpoint, gate] = (combined.child_healthchecks as string[]).map(checkNamed);
      expect(endpoint?.fqdn).toBe(record.records[0]);
      expect(gate?.type).toBe('CLOUDWATCH_METRIC');
      expect(record.zone_id).toMatch(/data\.aws_route53_zone\./);
    }
    expect(Object.values(json.data?.aws_route53_zone ?? {})).toEqual([expect.objectContaining({ name: 'tradesense.io', private_zone: false })]);
  });

  test('each region\'s gate alarm lives in the OTHER region, so closing a failed region needs only the surviving one', () => {
    const alarms = resourcesOf(STACK, 'aws_cloudwatch_metric_alarm').filter((a) => a.namespace === 'tradesense/dns-failover');
    expect(alarms.map((a) => [a.alarm_name, a.dimensions.Region, regionOf(a)]).sort()).toEqual([
      [failoverGateAlarmName('prod', 'us-east-1'), 'us-east-1', 'us-west-2'],
      [failoverGateAlarmName('prod', 'us-west-2'), 'us-west-2', 'us-east-1'],
    ]);
    for (const alarm of alarms) {
      expect(alarm).toMatchObject({ metric_name: 'RegionClosed', statistic: 'Maximum', period: 60, evaluation_periods: 1, threshold: 1, comparison_operator: 'GreaterThanOrEqualToThreshold' });
    }
    const gates = resourcesOf(STACK, 'aws_route53_health_check').filter((c) => c.type === 'CLOUDWATCH_METRIC');
    const allAlarms = stackJson(STACK).resource.aws_cloudwatch_metric_alarm as Record<string, any>;
    for (const gate of gates) {
      const alarm = allAlarms[/aws_cloudwatch_metric_alarm\.([\w-]+)\.alarm_name/.exec(gate.cloudwatch_alarm_name)?.[1] ?? ''];
      expect(regionOf(alarm)).toBe(gate.cloudwatch_alarm_region);
      expect(alarm.dimensions.Region).not.toBe(gate.cloudwatch_alarm_region);
    }
    expect(gates.map((g) => g.cloudwatch_alarm_region).sort()).toEqual(['us-east-1', 'us-west-2']);
    // A gate whose region is down (no data) keeps its last status: open unless an operator closed it.
    for (const gate of gates) expect(gate.insufficient_data_health_status).toBe(GATE_INSUFFICIENT_DATA);
    expect(GATE_INSUFFICIENT_DATA).toBe('LastKnownStatus');
  });

  test('alarms on endpoint status, in us-east-1 where Route53 publishes them, page an encrypted topic', () => {
    const alarms = resourcesOf(STACK, 'aws_cloudwatch_metric_alarm').filter((a) => a.namespace === 'AWS/Route53');
    expect(alarms.map((a) => a.alarm_name).sort()).toEqual(['prod-us-east-1-api-unhealthy', 'prod-us-west-2-api-unhealthy']);
    for (const alarm of alarms) {
      expect(alarm).toMatchObject({ namespace: 'AWS/Route53', metric_name: 'HealthCheckStatus', comparison_operator: 'LessThanThreshold', threshold: 1 });
      expect(alarm.dimensions.HealthCheckId).toMatch(/aws_route53_health_check\./);
      expect(alarm.alarm_actions[0]).toMatch(/aws_sns_topic\./);
      expect(regionOf(alarm)).toBe('us-east-1');
    }
    expect(resourcesOf(STACK, 'aws_sns_topic')[0].kms_master_key_id).toMatch(/aws_kms_key\./);
  });
});
