import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Route53HealthCheck } from '@cdktf/provider-aws/lib/route53-health-check';
import { Construct } from 'constructs';
import type { DnsFailoverSettings } from '../../config/schema/data.js';

export interface EndpointHealthCheckProps {
  /** Name of the check and its alarm, e.g. `prod-us-east-1-api`. */
  readonly name: string;
  /** The regional hostname checked over HTTPS. */
  readonly fqdn: string;
  readonly settings: DnsFailoverSettings['healthCheck'];
  /** Topic in the metrics region paged when the endpoint turns unhealthy. */
  readonly topicArn: string;
  /** Provider of the region Route53 publishes health-check metrics in (us-east-1). */
  readonly metricsProvider: AwsProvider;
}

/**
 * A Route53 HTTPS health check on one region's public endpoint and an alarm
 * on its status: the check drives DNS failover, the alarm tells a human.
 */
export class EndpointHealthCheck extends Construct {
  readonly check: Route53HealthCheck;
  readonly alarm: CloudwatchMetricAlarm;

  constructor(scope: Construct, id: string, props: EndpointHealthCheckProps) {
    super(scope, id);
    const s = props.settings;
    this.check = new Route53HealthCheck(this, 'check', {
      type: 'HTTPS',
      fqdn: props.fqdn,
      port: s.port,
      resourcePath: s.path,
      failureThreshold: s.failureThreshold,
      requestInterval: s.requestIntervalSeconds,
      enableSni: true,
      measureLatency: true,
      tags: { Name: props.name },
    });
    this.alarm = new CloudwatchMetricAlarm(this, 'alarm', {
      alarmName: `${props.name}-unhealthy`,
      alarmDescription: `${props.fqdn}${s.path} fails Route53 health checks: DNS fails over away from it`,
      namespace: 'AWS/Route53',
      metricName: 'HealthCheckStatus',
      dimensions: { HealthCheckId: this.check.id },
      statistic: 'Minimum',
      period: 60,
      evaluationPeriods: 1,
      threshold: 1,
      comparisonOperator: 'LessThanThreshold',
      treatMissingData: 'breaching',
      alarmActions: [props.topicArn],
      okActions: [props.topicArn],
      provider: props.metricsProvider,
    });
  }
}
