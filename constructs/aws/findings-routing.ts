import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { Construct } from 'constructs';

export interface FindingsRoutingProps {
  /** Prefix of the rule names, e.g. `prod-us-east-1`. */
  readonly namePrefix: string;
  readonly topicArn: string;
  /** GuardDuty findings at or above this severity are routed. */
  readonly guardDutyMinSeverity: number;
  /** Security Hub severity labels routed. */
  readonly securityHubLabels: readonly string[];
}

/** The EventBridge patterns, as plain data so tests and the compliance report read them. */
export function findingPatterns(
  props: Pick<FindingsRoutingProps, 'guardDutyMinSeverity' | 'securityHubLabels'>,
): Record<'guardduty' | 'securityhub', object> {
  return {
    guardduty: {
      source: ['aws.guardduty'],
      'detail-type': ['GuardDuty Finding'],
      detail: { severity: [{ numeric: ['>=', props.guardDutyMinSeverity] }] },
    },
    securityhub: {
      source: ['aws.securityhub'],
      'detail-type': ['Security Hub Findings - Imported'],
      detail: {
        findings: {
          Severity: { Label: [...props.securityHubLabels] },
          Workflow: { Status: ['NEW'] },
          RecordState: ['ACTIVE'],
        },
      },
    },
  };
}

/** Routes high-severity GuardDuty and Security Hub findings to the alerting topic. */
export class FindingsRouting extends Construct {
  readonly rules: CloudwatchEventRule[];

  constructor(scope: Construct, id: string, props: FindingsRoutingProps) {
    super(scope, id);
    const patterns = findingPatterns(props);
    this.rules = (['guardduty', 'securityhub'] as const).map((source) => {
      const rule = new CloudwatchEventRule(this, `${source}-rule`, {
        name: `${props.namePrefix}-${source}-high-severity`,
        description: `High-severity ${source} findings to the security alert topic`,
        eventPattern: JSON.stringify(patterns[source]),
      });
      new CloudwatchEventTarget(this, `${source}-target`, { rule: rule.name, arn: props.topicArn, targetId: 'security-alerts' });
      return rule;
    });
  }
}
