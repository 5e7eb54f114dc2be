import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Construct } from 'constructs';
import type { DatabaseAlarms as AlarmThresholds } from '../../config/schema/data.js';

const GIB = 1024 ** 3;

export type DatabaseMetric = 'replica-lag' | 'cpu' | 'free-storage' | 'connections';

export interface DatabaseAlarmsProps {
  /** Identifier of the instance or cluster; alarm names start with it. */
  readonly identifier: string;
  /** `DBInstanceIdentifier` (RDS) or `DBClusterIdentifier` (Aurora). */
  readonly dimension: 'DBInstanceIdentifier' | 'DBClusterIdentifier';
  readonly thresholds: AlarmThresholds;
  readonly metrics: readonly DatabaseMetric[];
  /** SNS topic in the alarm's region (alarm actions cannot cross regions). */
  readonly topicArn: string;
  /** @default the stack's provider */
  readonly provider?: AwsProvider;
}

interface AlarmSpec {
  readonly metricName: string;
  readonly threshold: number;
  readonly comparisonOperator: string;
  readonly statistic: string;
  readonly description: string;
  /** @default 'breaching': a silent writer or replica is itself a failure */
  readonly treatMissingData?: 'breaching' | 'notBreaching';
}

function spec(metric: DatabaseMetric, t: AlarmThresholds, dimension: DatabaseAlarmsProps['dimension']): AlarmSpec {
  switch (metric) {
    case 'replica-lag':
      // RDS reports seconds; Aurora Global Database reports milliseconds. A promoted replica
      // (or a secondary cluster turned writer) stops reporting lag for good: missing data must
      // not breach, or the alarm stays in ALARM after every failover. A replica that falls
      // silent is still caught by its CPU alarm, whose missing data breaches.
      return dimension === 'DBInstanceIdentifier'
        ? {
            metricName: 'ReplicaLag',
            threshold: t.replicaLagSeconds,
            comparisonOperator: 'GreaterThanThreshold',
            statistic: 'Maximum',
            description: `replica more than ${t.replicaLagSeconds}s behind: a failover now would lose that much`,
            treatMissingData: 'notBreaching',
          }
        : {
            metricName: 'AuroraGlobalDBReplicationLag',
            threshold: t.replicaLagSeconds * 1000,
            comparisonOperator: 'GreaterThanThreshold',
            statistic: 'Maximum',
            description: `secondary cluster more than ${t.replicaLagSeconds}s behind: a failover now would lose that much`,
            treatMissingData: 'notBreaching',
          };
    case 'cpu':
      return {
        metricName: 'CPUUtilization',
        threshold: t.cpuPercent,
        comparisonOperator: 'GreaterThanThreshold',
        statistic: 'Average',
        description: `CPU above ${t.cpuPercent}%`,
      };
    case 'free-storage':
      return dimension === 'DBInstanceIdentifier'
        ? {
            metricName: 'FreeStorageSpace',
            threshold: t.freeStorageGiB * GIB,
            comparisonOperator: 'LessThanThreshold',
            statistic: 'Minimum',
            description: `less than ${t.freeStorageGiB} GiB of storage left`,
          }
        : {
            metricName: 'FreeLocalStorage',
            threshold: t.freeStorageGiB * GIB,
            comparisonOperator: 'LessThanThreshold',
            statistic: 'Minimum',
            description: `less than ${t.freeStorageGiB} GiB of local (temporary) storage left`,
          };
    case 'connections':
      return {
        metricName: 'DatabaseConnections',
        threshold: t.connections,
        comparisonOperator: 'GreaterThanThreshold',
        statistic: 'Maximum',
        description: `more than ${t.connections} connections`,
      };
  }
}

/** CloudWatch alarms on one database, paging the environment's topic on alarm and recovery. */
export class DatabaseAlarms extends Construct {
  readonly alarms: CloudwatchMetricAlarm[];

  constructor(scope: Construct, id: string, props: DatabaseAlarmsProps) {
    super(scope, id);
    if (props.metrics.includes('replica-lag') && !props.metrics.includes('cpu')) {
      throw new Error(
        `alarms of ${props.identifier}: 'replica-lag' ignores missing data (a promoted replica stops reporting lag); add 'cpu', whose missing data breaches, so that a silent replica still pages`,
      );
    }
    this.alarms = props.metrics.map((metric) => {
      const s = spec(metric, props.thresholds, props.dimension);
      return new CloudwatchMetricAlarm(this, metric, {
        alarmName: `${props.identifier}-${metric}`,
        alarmDescription: `${props.identifier}: ${s.description}`,
        namespace: 'AWS/RDS',
        metricName: s.metricName,
        dimensions: { [props.dimension]: props.identifier },
        statistic: s.statistic,
        period: 60,
        evaluationPeriods: 5,
        datapointsToAlarm: 3,
        threshold: s.threshold,
        comparisonOperator: s.comparisonOperator,
        treatMissingData: s.treatMissingData ?? 'breaching',
        alarmActions: [props.topicArn],
        okActions: [props.topicArn],
        provider: props.provider,
      });
    });
  }
}
