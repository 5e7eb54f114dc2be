import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { describe, expect, test } from 'vitest';
import { FindingsRouting, findingPatterns, type FindingsRoutingProps } from '../../constructs/aws/findings-routing.js';
import { all, awsStack, named, ref, synth } from './construct-stack.js';

const TOPIC = 'arn:aws:sns:us-east-1:111122223333:prod-security-alerts';

function build(props: Partial<FindingsRoutingProps> = {}) {
  const stack = awsStack();
  new FindingsRouting(stack, 'findings', {
    namePrefix: 'prod-use1',
    topicArn: TOPIC,
    guardDutyMinSeverity: 7,
    securityHubLabels: ['HIGH', 'CRITICAL'],
    ...props,
  });
  return synth(stack);
}

describe('FindingsRouting', () => {
  test.each([4, 7])('GuardDuty findings of severity >= %i are routed', (severity) => {
    const rule = named(build({ guardDutyMinSeverity: severity }), CloudwatchEventRule.tfResourceType, 'prod-use1-guardduty-high-severity');
    expect(JSON.parse(rule.event_pattern)).toEqual({
      source: ['aws.guardduty'],
      'detail-type': ['GuardDuty Finding'],
      detail: { severity: [{ numeric: ['>=', severity] }] },
    });
  });

  test('new, active Security Hub findings of the configured labels are routed', () => {
    const rule = named(
      build({ securityHubLabels: ['CRITICAL'] }),
      CloudwatchEventRule.tfResourceType,
      'prod-use1-securityhub-high-severity',
    );
    expect(JSON.parse(rule.event_pattern)).toEqual({
      source: ['aws.securityhub'],
      'detail-type': ['Security Hub Findings - Imported'],
      detail: { findings: { Severity: { Label: ['CRITICAL'] }, Workflow: { Status: ['NEW'] }, RecordState: ['ACTIVE'] } },
    });
  });

  test('both rules target the alert topic', () => {
    const out = build();
    const targets = all(out, CloudwatchEventTarget.tfResourceType);
    expect(targets.map((t) => t.rule).sort()).toEqual(
      [
        ref(out, CloudwatchEventRule.tfResourceType, 'name', 'guardduty'),
        ref(out, CloudwatchEventRule.tfResourceType, 'name', 'securityhub'),
      ].sort(),
    );
    for (const t of targets) expect(t).toMatchObject({ arn: TOPIC, target_id: 'security-alerts' });
  });

  test('the synthesized patterns are the plain-data patterns the compliance report reads', () => {
    const out = build();
    const patterns = findingPatterns({ guardDutyMinSeverity: 7, securityHubLabels: ['HIGH', 'CRITICAL'] });
    expect(JSON.parse(named(out, CloudwatchEventRule.tfResourceType, 'guardduty-high').event_pattern)).toEqual(patterns.guardduty);
    expect(JSON.parse(named(out, CloudwatchEventRule.tfResourceType, 'securityhub-high').event_pattern)).toEqual(patterns.securityhub);
  });
});
