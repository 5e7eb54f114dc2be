import { failoverGateDimensions } from '../../config/derive/endpoints.js';
import type { AwsRegion } from '../../config/reference/aws-regions.js';
import type { DrFacts, RegionNames } from './dr-facts.js';
import type { Step } from './runbook-steps.js';

/** `aws cloudwatch put-metric-data` that closes (1) or opens (0) the gate of `gated`, in the region its alarm lives in. */
function gateCommand(f: DrFacts, gated: RegionNames, value: 0 | 1): string {
  const dimensions = Object.entries(failoverGateDimensions(f.envName, gated.region as AwsRegion)).map(([k, v]) => `${k}=${v}`).join(',');
  return `aws cloudwatch put-metric-data --namespace ${f.gateMetric.namespace} --metric-name ${f.gateMetric.metricName} --dimensions ${dimensions} --value ${value} --region ${gated.gateRegion ?? '<gate region>'}`;
}

function gateState(gated: RegionNames): string {
  return `aws cloudwatch describe-alarms --alarm-names ${gated.gateAlarm ?? '<gate alarm>'} --query 'MetricAlarms[0].StateValue' --output text --region ${gated.gateRegion ?? '<gate region>'}`;
}

/**
 * Failover: close the failed region's gate from the surviving region, so the
 * failover name answers with the survivor whatever the failed region's health
 * check says, and a recovering region cannot take writes back before fail-back.
 */
export function closeGateStep(f: DrFacts, from: RegionNames, to: RegionNames): Step[] {
  if (!f.stacks.dns || !f.failoverRecord) return [];
  return [{
    id: 'close-failed-region',
    title: `Close ${from.region}: ${f.failoverRecord} answers with ${to.hostname ?? to.region}`,
    note:
      `Route53 already answers with ${to.region} if ${from.region}'s endpoint check fails (\`${from.healthAlarm ?? 'the health alarm'}\`); closing the gate also fences a half-working ${from.region} from writes until fail-back. ` +
      `The gate's alarm \`${from.gateAlarm ?? '<gate alarm>'}\` lives in ${from.gateRegion ?? 'the other region'}: no Route53 API call. CloudFront sends writes to ${f.failoverRecord} and reads fail over by themselves.`,
    commands: [gateCommand(f, from, 1), `${gateState(from)}   # expect ALARM within 2 minutes`, `dig +short ${f.failoverRecord}   # expect ${to.hostname ?? to.region} within the record TTL`],
  }];
}

/** Fail-back: open the primary's gate again once it serves from the rebuilt writer. */
export function openGateStep(f: DrFacts, region: RegionNames): Step[] {
  if (!f.stacks.dns || !f.failoverRecord) return [];
  return [{
    id: 'open-primary-region',
    title: `Open ${region.region}: ${f.failoverRecord} answers with ${region.hostname ?? region.region} again`,
    note: `Route53 answers with the PRIMARY as soon as its endpoint is healthy and its gate \`${region.gateAlarm ?? '<gate alarm>'}\` is open.`,
    commands: [gateCommand(f, region, 0), `${gateState(region)}   # expect OK within 2 minutes`, `dig +short ${f.failoverRecord}   # expect ${region.hostname ?? region.region}`],
  }];
}

/** Global control planes that live in us-east-1: a failover during its outage must not call them. */
const US_EAST_1_CONTROL_PLANES = ['route53', 'route53domains', 'iam', 'cloudfront', 'organizations', 'sso-admin', 'account'];

/**
 * Why a list of steps would not work while `failed` (and, being where they
 * live, the global control planes of us-east-1 when that is the failed region)
 * is down: every `aws` command must name a surviving region, and none may read
 * Terraform state (kept in the home region) or call a global control plane.
 */
export function outageProblems(steps: readonly Step[], failed: string): string[] {
  return steps.flatMap((step) =>
    (step.commands ?? []).flatMap((command) => {
      const line = command.split('#')[0]?.trim() ?? '';
      const problems: string[] = [];
      if (new RegExp(`(--region[ =]|AWS_REGION=|AWS_DEFAULT_REGION=|\\.)${failed}(\\.amazonaws\\.com)?\\b`).test(line)) problems.push(`'${step.title}' calls ${failed}: ${line}`);
      if (/^terraform\b|\bterraform -chdir/.test(line)) problems.push(`'${step.title}' reads Terraform state, kept in the home region: ${line}`);
      const service = /^aws\s+(\S+)/.exec(line)?.[1];
      if (service && US_EAST_1_CONTROL_PLANES.includes(service) && failed === 'us-east-1') problems.push(`'${step.title}' calls the ${service} control plane in us-east-1: ${line}`);
      if (service && !/--region\s+\S+/.test(line)) problems.push(`'${step.title}' leaves the region to the profile's default: ${line}`);
      return problems;
    }),
  );
}
