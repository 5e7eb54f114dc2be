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
  /**
   * Where the gate's alarms live: every OTHER region of the environment (one
   * alarm each, same name), so the gate works while the gated region is down
   * and any surviving region can close it. At least one.
   */
  readonly alarmRegions: readonly { readonly region: string; readonly provider: AwsProvider }[];
  /** The endpoint health check of the gated region. */
  readonly endpointCheckId: string;
}

/**
 * A manual failover gate on one region: a CloudWatch alarm in each other
 * region on a metric operators publish there, each watched by a Route53 health
 * check, and a calculated check that is healthy only when the region's endpoint
 * is healthy AND every one of its gate alarms is open. The failover record uses
 * the calculated check. Failing over needs CloudWatch in the surviving region
 * only: no Route53 (or any other us-east-1) control-plane call. The first alarm
 * region keeps the ids of the two-region design (`alarm`, `gate`); the others
 * add their region.
 */
export class FailoverGate extends Construct {
  /** One alarm per alarm region, in the order of `alarmRegions`. */
  readonly alarms: readonly CloudwatchMetricAlarm[];
  readonly gateChecks: readonly Route53HealthCheck[];
  /** Endpoint healthy AND gate open: what the failover record follows. */
  readonly combinedCheck: Route53HealthCheck;

  constructor(scope: Construct, id: string, props: FailoverGateProps) {
    super(scope, id);
    if (props.alarmRegions.length === 0)
      throw new Error(`failover gate ${props.name}: no alarm region; name the environment's other regions`);
    const next = props.alarmRegions.length === 1 ? 'the other region' : 'the next open region';
    const gates = props.alarmRegions.map(({ region, provider }, i) => {
      const suffix = i === 0 ? '' : `-${region}`;
      const alarm = new CloudwatchMetricAlarm(this, `alarm${suffix}`, {
        alarmName: props.alarmName,
        alarmDescription: `Manual failover gate of ${props.name}: in ALARM the region is closed and DNS answers with ${next} (docs/disaster-recovery.md)`,
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
        provider,
      });
      const check = new Route53HealthCheck(this, `gate${suffix}`, {
        type: 'CLOUDWATCH_METRIC',
        cloudwatchAlarmName: alarm.alarmName,
        cloudwatchAlarmRegion: region,
        insufficientDataHealthStatus: GATE_INSUFFICIENT_DATA,
        tags: { Name: `${props.name}-gate${suffix}` },
      });
      return { alarm, check };
    });
    this.alarms = gates.map((g) => g.alarm);
    this.gateChecks = gates.map((g) => g.check);
    this.combinedCheck = new Route53HealthCheck(this, 'combined', {
      type: 'CALCULATED',
      childHealthchecks: [props.endpointCheckId, ...this.gateChecks.map((c) => c.id)],
      childHealthThreshold: 1 + this.gateChecks.length,
      tags: { Name: `${props.name}-serving` },
    });
  }
}
