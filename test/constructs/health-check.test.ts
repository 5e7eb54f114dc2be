import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { Route53HealthCheck } from '@cdktf/provider-aws/lib/route53-health-check';
import { describe, expect, test } from 'vitest';
import type { DnsFailoverSettings } from '../../config/schema/data.js';
import { EndpointHealthCheck } from '../../constructs/aws/health-check.js';
import { awsStack, only, providerRef, ref, regionProvider, synth } from './construct-stack.js';
import { healthCheckSettings } from './fixtures.js';

const TOPIC = 'arn:aws:sns:us-east-1:111122223333:prod-dns-alerts';

function build(settings: DnsFailoverSettings['healthCheck'] = healthCheckSettings()) {
  const stack = awsStack();
  new EndpointHealthCheck(stack, 'check', {
    name: 'prod-use1-api',
    fqdn: 'api.us-east-1.example.com',
    settings,
    topicArn: TOPIC,
    metricsProvider: regionProvider(stack, 'us-east-1'),
  });
  const out = synth(stack);
  return { out, check: only(out, Route53HealthCheck.tfResourceType), alarm: only(out, CloudwatchMetricAlarm.tfResourceType) };
}

describe('EndpointHealthCheck', () => {
  test('HTTPS with SNI on the regional hostname, with the schema defaults: /healthz on 443, 3 failures, every 10 s', () => {
    expect(build().check).toMatchObject({
      type: 'HTTPS',
      fqdn: 'api.us-east-1.example.com',
      enable_sni: true,
      measure_latency: true,
      resource_path: '/healthz',
      port: 443,
      failure_threshold: 3,
      request_interval: 10,
      tags: { Name: 'prod-use1-api' },
    });
  });

  test('configured path, port, threshold and interval are used', () => {
    expect(build(healthCheckSettings({ path: '/ready', port: 8443, failureThreshold: 5, requestIntervalSeconds: 30 })).check).toMatchObject(
      {
        resource_path: '/ready',
        port: 8443,
        failure_threshold: 5,
        request_interval: 30,
      },
    );
  });

  test('the alarm watches this check in the metrics region and pages on failure and on recovery', () => {
    const { out, alarm } = build();
    expect(alarm).toMatchObject({
      alarm_name: 'prod-use1-api-unhealthy',
      namespace: 'AWS/Route53',
      metric_name: 'HealthCheckStatus',
      dimensions: { HealthCheckId: ref(out, Route53HealthCheck.tfResourceType, 'id') },
      alarm_actions: [TOPIC],
      ok_actions: [TOPIC],
      provider: providerRef('us-east-1'),
    });
  });

  test('one unhealthy minute alarms, and silence is itself unhealthy', () => {
    expect(build().alarm).toMatchObject({
      statistic: 'Minimum',
      period: 60,
      evaluation_periods: 1,
      threshold: 1,
      comparison_operator: 'LessThanThreshold',
      treat_missing_data: 'breaching',
    });
  });

  test('the alarm description names the URL that fails', () => {
    expect(build().alarm.alarm_description).toMatch(/^api\.us-east-1\.example\.com\/healthz fails Route53 health checks/);
  });
});
