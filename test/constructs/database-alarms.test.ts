import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { describe, expect, test } from 'vitest';
import { DatabaseAlarms, type DatabaseAlarmsProps, type DatabaseMetric } from '../../constructs/aws/database-alarms.js';
import { all, awsStack, named, PEER_REGION, providerRef, regionProvider, synth } from './construct-stack.js';
import { databaseSettings } from './fixtures.js';

const TOPIC = 'arn:aws:sns:us-east-1:111122223333:prod-database-alerts';
const GIB = 1024 ** 3;
const thresholds = databaseSettings().alarms; // lag 30 s, CPU 80 %, 20 GiB free, 400 connections

function build(props: Partial<DatabaseAlarmsProps> = {}) {
  const stack = awsStack();
  new DatabaseAlarms(stack, 'alarms', {
    identifier: 'prod-orders',
    dimension: 'DBInstanceIdentifier',
    thresholds,
    metrics: ['cpu'],
    topicArn: TOPIC,
    ...props,
  });
  return synth(stack);
}

describe('DatabaseAlarms', () => {
  test('refuses replica-lag without cpu, naming the database and the fix', () => {
    expect(() => build({ metrics: ['replica-lag'] })).toThrow(
      /alarms of prod-orders: 'replica-lag' ignores missing data .*; add 'cpu', whose missing data breaches/,
    );
    expect(() => build({ metrics: ['replica-lag', 'cpu'] })).not.toThrow();
  });

  test.each<[DatabaseMetric, DatabaseAlarmsProps['dimension'], Record<string, unknown>]>([
    [
      'replica-lag',
      'DBInstanceIdentifier',
      {
        metric_name: 'ReplicaLag',
        threshold: 30,
        comparison_operator: 'GreaterThanThreshold',
        statistic: 'Maximum',
        treat_missing_data: 'notBreaching',
      },
    ],
    [
      'replica-lag',
      'DBClusterIdentifier',
      {
        metric_name: 'AuroraGlobalDBReplicationLag',
        threshold: 30_000,
        comparison_operator: 'GreaterThanThreshold',
        treat_missing_data: 'notBreaching',
      },
    ],
    [
      'cpu',
      'DBInstanceIdentifier',
      {
        metric_name: 'CPUUtilization',
        threshold: 80,
        comparison_operator: 'GreaterThanThreshold',
        statistic: 'Average',
        treat_missing_data: 'breaching',
      },
    ],
    [
      'free-storage',
      'DBInstanceIdentifier',
      {
        metric_name: 'FreeStorageSpace',
        threshold: 20 * GIB,
        comparison_operator: 'LessThanThreshold',
        statistic: 'Minimum',
        treat_missing_data: 'breaching',
      },
    ],
    [
      'free-storage',
      'DBClusterIdentifier',
      { metric_name: 'FreeLocalStorage', threshold: 20 * GIB, comparison_operator: 'LessThanThreshold', treat_missing_data: 'breaching' },
    ],
    [
      'connections',
      'DBClusterIdentifier',
      {
        metric_name: 'DatabaseConnections',
        threshold: 400,
        comparison_operator: 'GreaterThanThreshold',
        statistic: 'Maximum',
        treat_missing_data: 'breaching',
      },
    ],
  ])('%s on %s', (metric, dimension, expected) => {
    const alarm = named(
      build({ metrics: [metric, 'cpu'].filter((m, i, a) => a.indexOf(m) === i) as DatabaseMetric[], dimension }),
      CloudwatchMetricAlarm.tfResourceType,
      `prod-orders-${metric}"`,
    );
    expect(alarm).toMatchObject({
      ...expected,
      alarm_name: `prod-orders-${metric}`,
      namespace: 'AWS/RDS',
      dimensions: { [dimension]: 'prod-orders' },
    });
  });

  test('one alarm per metric asked for, paging on alarm and on recovery', () => {
    const alarms = all(build({ metrics: ['cpu', 'free-storage', 'connections'] }), CloudwatchMetricAlarm.tfResourceType);
    expect(alarms.map((a) => a.alarm_name).sort()).toEqual(['prod-orders-connections', 'prod-orders-cpu', 'prod-orders-free-storage']);
    for (const alarm of alarms) expect(alarm).toMatchObject({ alarm_actions: [TOPIC], ok_actions: [TOPIC] });
  });

  test('3 of 5 one-minute periods: a blip does not page, a sustained problem does', () => {
    const [alarm] = all(build(), CloudwatchMetricAlarm.tfResourceType);
    expect(alarm).toMatchObject({ period: 60, evaluation_periods: 5, datapoints_to_alarm: 3 });
    expect(alarm.alarm_description).toBe('prod-orders: CPU above 80%');
  });

  test('alarms live in the region of their topic (provider given)', () => {
    const stack = awsStack();
    new DatabaseAlarms(stack, 'alarms', {
      identifier: 'r',
      dimension: 'DBInstanceIdentifier',
      thresholds,
      metrics: ['cpu'],
      topicArn: TOPIC,
      provider: regionProvider(stack, PEER_REGION),
    });
    expect(all(synth(stack), CloudwatchMetricAlarm.tfResourceType)[0].provider).toBe(providerRef(PEER_REGION));
  });
});
