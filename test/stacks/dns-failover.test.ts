import { describe, expect, test } from 'vitest';
import { dnsFailoverLayout } from '../../config/derive/dns-failover.js';
import { failoverGateAlarmName, failoverHostname, regionalApiHostname } from '../../config/derive/endpoints.js';
import { GATE_INSUFFICIENT_DATA } from '../../constructs/aws/failover-gate.js';
import { platformConfig, platformStackNames, resourcesOf, stackJson } from '../support/platform.js';

const STACK = 'prod-global-dns-failover';
const layout = () => dnsFailoverLayout(platformConfig(), 'prod');
const regions = () => layout().members.map((m) => m.region);
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
    expect(platformStackNames().filter((n) => n.endsWith('-dns-failover'))).toEqual([STACK]);
  });

  test("an HTTPS health check on each prod region's API hostname", () => {
    const config = platformConfig();
    const checks = resourcesOf(STACK, 'aws_route53_health_check').filter((c) => c.type === 'HTTPS');
    expect(checks.map((c) => c.fqdn).sort()).toEqual(
      regions()
        .map((r) => regionalApiHostname(config, r))
        .sort(),
    );
    const { healthCheck } = layout().settings;
    for (const check of checks) {
      expect(check).toMatchObject({
        type: 'HTTPS',
        port: healthCheck.port,
        resource_path: healthCheck.path,
        failure_threshold: healthCheck.failureThreshold,
        request_interval: healthCheck.requestIntervalSeconds,
        enable_sni: true,
      });
    }
  });

  test("PRIMARY and SECONDARY failover records, each following its region's endpoint AND gate", () => {
    const config = platformConfig();
    const json = stackJson(STACK);
    const records = resourcesOf(STACK, 'aws_route53_record');
    const [primary, replica] = regions();
    expect(regions()).toHaveLength(2);
    expect(records.map((r) => [r.failover_routing_policy.type, r.records[0]]).sort()).toEqual([
      ['PRIMARY', primary && regionalApiHostname(config, primary)],
      ['SECONDARY', replica && regionalApiHostname(config, replica)],
    ]);
    for (const record of records) {
      expect(record).toMatchObject({
        name: failoverHostname(config.organization.domain, layout().settings),
        type: 'CNAME',
        ttl: layout().settings.ttlSeconds,
      });
      const combined = checkNamed(record.health_check_id);
      expect(combined).toMatchObject({ type: 'CALCULATED', child_health_threshold: 2 });
      const [endpoint, gate] = (combined.child_healthchecks as string[]).map(checkNamed);
      expect(endpoint?.fqdn).toBe(record.records[0]);
      expect(gate?.type).toBe('CLOUDWATCH_METRIC');
      expect(record.zone_id).toMatch(/data\.aws_route53_zone\./);
    }
    expect(Object.values(json.data?.aws_route53_zone ?? {})).toEqual([
      expect.objectContaining({ name: config.organization.domain, private_zone: false }),
    ]);
  });

  test("each region's gate alarm lives in the OTHER region, so closing a failed region needs only the surviving one", () => {
    const alarms = resourcesOf(STACK, 'aws_cloudwatch_metric_alarm').filter((a) => a.namespace === 'tradesense/dns-failover');
    const [primary = 'us-east-1', replica = 'us-west-2'] = regions();
    expect(alarms.map((a) => [a.alarm_name, a.dimensions.Region, regionOf(a)]).sort()).toEqual([
      [failoverGateAlarmName('prod', primary), primary, replica],
      [failoverGateAlarmName('prod', replica), replica, primary],
    ]);
    for (const alarm of alarms) {
      expect(alarm).toMatchObject({
        metric_name: 'RegionClosed',
        statistic: 'Maximum',
        period: 60,
        evaluation_periods: 1,
        threshold: 1,
        comparison_operator: 'GreaterThanOrEqualToThreshold',
      });
    }
    const gates = resourcesOf(STACK, 'aws_route53_health_check').filter((c) => c.type === 'CLOUDWATCH_METRIC');
    const allAlarms = stackJson(STACK).resource.aws_cloudwatch_metric_alarm as Record<string, any>;
    for (const gate of gates) {
      const alarm = allAlarms[/aws_cloudwatch_metric_alarm\.([\w-]+)\.alarm_name/.exec(gate.cloudwatch_alarm_name)?.[1] ?? ''];
      expect(regionOf(alarm)).toBe(gate.cloudwatch_alarm_region);
      expect(alarm.dimensions.Region).not.toBe(gate.cloudwatch_alarm_region);
    }
    expect(gates.map((g) => g.cloudwatch_alarm_region).sort()).toEqual([...regions()].sort());
    // A gate whose region is down (no data) keeps its last status: open unless an operator closed it.
    for (const gate of gates) expect(gate.insufficient_data_health_status).toBe(GATE_INSUFFICIENT_DATA);
    expect(GATE_INSUFFICIENT_DATA).toBe('LastKnownStatus');
  });

  test('alarms on endpoint status, in us-east-1 where Route53 publishes them, page an encrypted topic', () => {
    const alarms = resourcesOf(STACK, 'aws_cloudwatch_metric_alarm').filter((a) => a.namespace === 'AWS/Route53');
    expect(alarms.map((a) => a.alarm_name).sort()).toEqual(
      layout()
        .members.map((m) => `${m.checkName}-unhealthy`)
        .sort(),
    );
    for (const alarm of alarms) {
      expect(alarm).toMatchObject({
        namespace: 'AWS/Route53',
        metric_name: 'HealthCheckStatus',
        comparison_operator: 'LessThanThreshold',
        threshold: 1,
      });
      expect(alarm.dimensions.HealthCheckId).toMatch(/aws_route53_health_check\./);
      expect(alarm.alarm_actions[0]).toMatch(/aws_sns_topic\./);
      expect(regionOf(alarm)).toBe('us-east-1');
    }
    expect(resourcesOf(STACK, 'aws_sns_topic')[0].kms_master_key_id).toMatch(/aws_kms_key\./);
  });
});
