import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { Route53HealthCheck } from '@cdktf/provider-aws/lib/route53-health-check';
import { describe, expect, test } from 'vitest';
import { FailoverGate, GATE_INSUFFICIENT_DATA } from '../../constructs/aws/failover-gate.js';
import { awsStack, named, only, PEER_REGION, providerRef, ref, regionProvider, synth } from './construct-stack.js';

const metric = { namespace: 'TradeSense/Failover', metricName: 'RegionClosed', dimensions: { Region: 'us-east-1' } };

function build() {
  const stack = awsStack();
  new FailoverGate(stack, 'gate', { name: 'prod-use1-api', alarmName: 'prod-use1-api-gate', metric, alarmRegion: PEER_REGION, alarmProvider: regionProvider(stack, PEER_REGION), endpointCheckId: 'hc-endpoint' });
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
    expect(only(build(), CloudwatchMetricAlarm.tfResourceType)).toMatchObject({ statistic: 'Maximum', period: 60, evaluation_periods: 1, treat_missing_data: 'ignore' });
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
    for (const check of Object.values(out.resource[Route53HealthCheck.tfResourceType] ?? {})) expect((check as any).provider).toBeUndefined();
  });
});
