import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Route53HealthCheck } from '@cdktf/provider-aws/lib/route53-health-check';
import { Construct } from 'constructs';

/**
 * What Route53 assumes while the gate's alarm has no data: the last status it
 * saw. Nobody publishing (the normal state) or the gate's region being down
 * leaves the gate as it was, open unless an operator closed it; a closed gate
 * stays closed until an operator opens it, so a recovered region never takes
 * traffic back on its own. New checks start healthy.
 */
export const GATE_INSUFFICIENT_DATA = 'LastKnownStatus';

export interface FailoverGateProps {
  /** Name of the gated region's checks, e.g. `prod-us-east-1-api`. */
  readonly name: string;
  /** The alarm's name: operators read it in the runbook. */
  readonly alarmName: string;
  /** The metric operators publish (value 1 closes, 0 opens) and its dimensions. */
  readonly metric: { readonly namespace: string; readonly metricName: string; readonly dimensions: Record<string, string> };
  /** The region the alarm lives in: the OTHER region, so the gate works while the gated one is down. */
  readonly alarmRegion: string;
  readonly alarmProvider: AwsProvider;
  /** The endpoint health check of the gated region. */
  readonly endpointCheckId: string;
}

/**
 * A manual failover gate on one region: a CloudWatch alarm (in the other
 * region) on a metric operators publish, watched by a Route53 health check,
 * and a calculated check that is healthy only when the region's endpoint is
 * healthy AND its gate is open. The failover record uses the calculated check.
 * Failing over needs CloudWatch in the surviving region only: no Route53 (or
 * any other us-east-1) control-plane call.
 */
export class FailoverGate extends Construct {
  readonly alarm: CloudwatchMetricAlarm;
  readonly gateCheck: Route53HealthCheck;
  /** Endpoint healthy AND gate open: what the failover record follows. */
  readonly combinedCheck: Route53HealthCheck;

  constructor(scope: Construct, id: string, props: FailoverGateProps) {
    super(scope, id);
    this.alarm = new CloudwatchMetricAlarm(this, 'alarm', {
      alarmName: props.alarmName,
      alarmDescription: `Manual failover gate of ${props.name}: in ALARM the region is closed and DNS answers with the other region (docs/disaster-recovery.md)`,
      namespace: props.metric.namespace,
      metricName: props.metric.metricName,
      dimensions: props.metric.dimensions,
      // Route53 reads standard-resolution, single-period alarms on a simple statistic.
      statistic: 'Maximum',
      period: 60,
      evaluationPeriods: 1,
      threshold: 1,
      comparisonOperator: 'GreaterThanOrEqualToThreshold',
      // The console shows the gate as the operator left it, like Route53's LastKnownStatus.
      treatMissingData: 'ignore',
      provider: props.alarmProvider,
    });
    this.gateCheck = new Route53HealthCheck(this, 'gate', {
      type: 'CLOUDWATCH_METRIC',
      cloudwatchAlarmName: this.alarm.alarmName,
      cloudwatchAlarmRegion: props.alarmRegion,
      insufficientDataHealthStatus: GATE_INSUFFICIENT_DATA,
      tags: { Name: `${props.name}-gate` },
    });
    this.combinedCheck = new Route53HealthCheck(this, 'combined', {
      type: 'CALCULATED',
      childHealthchecks: [props.endpointCheckId, this.gateCheck.id],
      childHealthThreshold: 2,
      tags: { Name: `${props.name}-serving` },
    });
  }
}
