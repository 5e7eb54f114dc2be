import { CloudwatchLogMetricFilter } from '@cdktf/provider-aws/lib/cloudwatch-log-metric-filter';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { describe, expect, test } from 'vitest';
import { CisAlarms } from '../../constructs/aws/cis-alarms.js';
import { CIS_MONITORING_CONTROLS } from '../../constructs/aws/cis-monitoring-controls.js';
import { all, awsStack, named, synth } from './construct-stack.js';

const TOPIC = 'arn:aws:sns:us-east-1:111122223333:prod-security-alerts';

let synthesized: ReturnType<typeof synth> | undefined;
/** One synth for the whole file: every test reads the same fifteen controls. */
function build() {
  if (!synthesized) {
    const stack = awsStack();
    new CisAlarms(stack, 'cis', {
      logGroupName: 'prod-trail',
      metricNamespace: 'prod/CISBenchmark',
      alarmPrefix: 'prod-cis',
      alarmTopicArn: TOPIC,
    });
    synthesized = synth(stack);
  }
  return synthesized;
}

describe('CisAlarms', () => {
  test('a metric filter and an alarm per CIS monitoring control', () => {
    const out = build();
    expect(all(out, CloudwatchLogMetricFilter.tfResourceType)).toHaveLength(CIS_MONITORING_CONTROLS.length);
    expect(
      all(out, CloudwatchMetricAlarm.tfResourceType)
        .map((a) => a.alarm_name)
        .sort(),
    ).toEqual(CIS_MONITORING_CONTROLS.map((c) => `prod-cis-${c.id}`).sort());
  });

  test.each(CIS_MONITORING_CONTROLS.map((c) => [c.id, c] as const))(
    '%s: the filter counts matching CloudTrail events into its metric',
    (id, control) => {
      expect(named(build(), CloudwatchLogMetricFilter.tfResourceType, `"name":"prod-cis-${id}"`)).toEqual({
        name: `prod-cis-${id}`,
        log_group_name: 'prod-trail',
        pattern: control.pattern,
        metric_transformation: { name: id, namespace: 'prod/CISBenchmark', value: '1', default_value: '0' },
      });
    },
  );

  test('one matching event in five minutes alarms; no events is fine', () => {
    for (const alarm of all(build(), CloudwatchMetricAlarm.tfResourceType)) {
      expect(alarm).toMatchObject({
        namespace: 'prod/CISBenchmark',
        statistic: 'Sum',
        period: 300,
        evaluation_periods: 1,
        threshold: 1,
        comparison_operator: 'GreaterThanOrEqualToThreshold',
        treat_missing_data: 'notBreaching',
        alarm_actions: [TOPIC],
      });
    }
  });

  test('alarm descriptions cite the CIS section', () => {
    expect(named(build(), CloudwatchMetricAlarm.tfResourceType, '"alarm_name":"prod-cis-root-account-usage"').alarm_description).toBe(
      'CIS 4.3: Usage of the root account',
    );
  });
});
