import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { Route53HealthCheck } from '@cdktf/provider-aws/lib/route53-health-check';
import { describe, expect, test } from 'vitest';
import { FailoverGate, GATE_INSUFFICIENT_DATA } from '../../constructs/aws/failover-gate.js';
import { all, awsStack, named, only, PEER_REGION, providerRef, ref, regionProvider, synth } from './construct-stack.js';

const metric = { namespace: 'TradeSense/Failover', metricName: 'RegionClosed', dimensions: { Region: 'us-east-1' } };

function build() {
  const stack = awsStack();
  new FailoverGate(stack, 'gate', {
    name: 'prod-use1-api',
    alarmName: 'prod-use1-api-gate',
    metric,
    alarmRegions: [{ region: PEER_REGION, provider: regionProvider(stack, PEER_REGION) }],
    endpointCheckId: 'hc-endpoint',
  });
  return synth(stack);
}

describe('FailoverGate', () => {
  test('the alarm lives in the other region, on the metric operators publish (1 closes)', () => {
    expect(only(build(), CloudwatchMetricAlarm.tfResourceType)).toMatchObject({
      alarm_name: 'prod-use1-api-gate',
      namespace: metric.namespace,
      metric_name: metric.metricName,
      dimensions: metric.dimensions,
      threshold: 1,
      comparison_operator: 'GreaterThanOrEqualToThreshold',
      provider: providerRef(PEER_REGION),
    });
  });

  test('an alarm Route53 can read: standard resolution, one period, simple statistic; no data leaves it as it was', () => {
    expect(only(build(), CloudwatchMetricAlarm.tfResourceType)).toMatchObject({
      statistic: 'Maximum',
      period: 60,
      evaluation_periods: 1,
      treat_missing_data: 'ignore',
    });
  });

  test('the gate check follows the alarm by name and region, keeping its last status without data', () => {
    const out = build();
    expect(named(out, Route53HealthCheck.tfResourceType, 'CLOUDWATCH_METRIC')).toMatchObject({
      cloudwatch_alarm_name: ref(out, CloudwatchMetricAlarm.tfResourceType, 'alarm_name'),
      cloudwatch_alarm_region: PEER_REGION,
      insufficient_data_health_status: GATE_INSUFFICIENT_DATA,
      tags: { Name: 'prod-use1-api-gate' },
    });
    expect(GATE_INSUFFICIENT_DATA).toBe('LastKnownStatus');
  });

  test('the combined check is healthy only when the endpoint is healthy AND the gate is open', () => {
    const out = build();
    expect(named(out, Route53HealthCheck.tfResourceType, 'CALCULATED')).toMatchObject({
      child_healthchecks: ['hc-endpoint', ref(out, Route53HealthCheck.tfResourceType, 'id', 'CLOUDWATCH_METRIC')],
      child_health_threshold: 2,
      tags: { Name: 'prod-use1-api-serving' },
    });
  });

  test('the health checks need no regional provider (Route53 is global)', () => {
    const out = build();
    for (const check of Object.values(out.resource[Route53HealthCheck.tfResourceType] ?? {}))
      expect((check as any).provider).toBeUndefined();
  });

  test('with several other regions: an alarm in each, any of which closes the gate', () => {
    const stack = awsStack();
    const regions = [PEER_REGION, 'eu-west-1'].map((region) => ({ region, provider: regionProvider(stack, region) }));
    new FailoverGate(stack, 'gate', {
      name: 'prod-use1-api',
      alarmName: 'prod-use1-api-gate',
      metric,
      alarmRegions: regions,
      endpointCheckId: 'hc-endpoint',
    });
    const out = synth(stack);
    const alarms = all(out, CloudwatchMetricAlarm.tfResourceType);
    expect(alarms.map((a) => [a.alarm_name, a.provider]).sort()).toEqual([
      ['prod-use1-api-gate', providerRef('eu-west-1')],
      ['prod-use1-api-gate', providerRef(PEER_REGION)],
    ]);
    const gates = all(out, Route53HealthCheck.tfResourceType).filter((c) => c.type === 'CLOUDWATCH_METRIC');
    expect(gates.map((g) => g.cloudwatch_alarm_region).sort()).toEqual(['eu-west-1', PEER_REGION]);
    const combined = named(out, Route53HealthCheck.tfResourceType, 'CALCULATED');
    // Endpoint AND every gate alarm: one closed alarm, wherever it lives, closes the region.
    expect(combined.child_healthchecks).toHaveLength(3);
    expect(combined.child_health_threshold).toBe(3);
  });

  test('refuses a gate with no alarm region', () => {
    expect(
      () => new FailoverGate(awsStack(), 'gate', { name: 'x', alarmName: 'x', metric, alarmRegions: [], endpointCheckId: 'hc' }),
    ).toThrow(/failover gate x: no alarm region/);
  });
});
