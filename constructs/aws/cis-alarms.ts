import { CloudwatchLogMetricFilter } from '@cdktf/provider-aws/lib/cloudwatch-log-metric-filter';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { Construct } from 'constructs';
import { CIS_MONITORING_CONTROLS } from './cis-monitoring-controls.js';

export interface CisAlarmsProps {
  /** Name of the log group CloudTrail delivers to. */
  readonly logGroupName: string;
  /** CloudWatch namespace of the metrics, e.g. `prod/CISBenchmark`. */
  readonly metricNamespace: string;
  /** Prefix of the alarm names, e.g. `prod-cis`. */
  readonly alarmPrefix: string;
  readonly alarmTopicArn: string;
}

/** A metric filter and an alarm per CIS monitoring control: one matching event alerts. */
export class CisAlarms extends Construct {
  readonly alarms: CloudwatchMetricAlarm[];

  constructor(scope: Construct, id: string, props: CisAlarmsProps) {
    super(scope, id);
    this.alarms = CIS_MONITORING_CONTROLS.map((control) => {
      const metricName = control.id;
      new CloudwatchLogMetricFilter(this, `${control.id}-filter`, {
        name: `${props.alarmPrefix}-${control.id}`,
        logGroupName: props.logGroupName,
        pattern: control.pattern,
        metricTransformation: { name: metricName, namespace: props.metricNamespace, value: '1', defaultValue: '0' },
      });
      return new CloudwatchMetricAlarm(this, `${control.id}-alarm`, {
        alarmName: `${props.alarmPrefix}-${control.id}`,
        alarmDescription: `CIS ${control.cis}: ${control.title}`,
        namespace: props.metricNamespace,
        metricName,
        statistic: 'Sum',
        period: 300,
        evaluationPeriods: 1,
        threshold: 1,
        comparisonOperator: 'GreaterThanOrEqualToThreshold',
        treatMissingData: 'notBreaching',
        alarmActions: [props.alarmTopicArn],
      });
    });
  }
}
