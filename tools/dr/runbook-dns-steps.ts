import { failoverGateDimensions } from '../../config/derive/endpoints.js';
import type { AwsRegion } from '../../config/reference/aws-regions.js';
import type { DrFacts, RegionNames } from './dr-facts.js';
import type { Step } from './runbook-steps.js';

/** `aws cloudwatch put-metric-data` that closes (1) or opens (0) the gate of `gated` through its alarm in `where`. */
function gateCommand(f: DrFacts, gated: RegionNames, value: 0 | 1, where: RegionNames): string {
  const dimensions = Object.entries(failoverGateDimensions(f.envName, gated.region as AwsRegion))
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  return `aws cloudwatch put-metric-data --namespace ${f.gateMetric.namespace} --metric-name ${f.gateMetric.metricName} --dimensions ${dimensions} --value ${value} --region ${where.region}`;
}

/** The alarm of `gated`'s gate that lives in `where`. */
const gateAlarm = (gated: RegionNames, where: RegionNames) => gated.gates.find((g) => g.region === where.region)?.alarm ?? '<gate alarm>';

function gateState(gated: RegionNames, where: RegionNames): string {
  return `aws cloudwatch describe-alarms --alarm-names ${gateAlarm(gated, where)} --query 'MetricAlarms[0].StateValue' --output text --region ${where.region}`;
}

const listed = (regions: readonly RegionNames[]) => {
  const names = regions.map((r) => r.region);
  return names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names.at(-1) ?? ''}`;
};

/**
 * Failover: from the surviving region `to`, close the gate of every region
 * DNS would answer with before it (the failed primary, and any replica passed
 * over), so the failover name answers with `to` whatever their health checks
 * say, and a recovering region cannot take writes back before fail-back. Each
 * gate has an alarm in every other region, so `to` holds one of each.
 */
export function closeGateStep(f: DrFacts, closing: readonly RegionNames[], to: RegionNames): Step[] {
  const [from] = closing;
  if (!f.stacks.dns || !f.failoverRecord || !from) return [];
  const checks = closing.map((r) => `\`${r.healthAlarm ?? 'the health alarm'}\``).join(', ');
  const note =
    closing.length === 1
      ? `Route53 already answers with ${to.region} if ${from.region}'s endpoint check fails (${checks}); closing the gate also fences a half-working ${from.region} from writes until fail-back. ` +
        `The gate's alarm \`${gateAlarm(from, to)}\` lives in ${to.region}: no Route53 API call. CloudFront sends writes to ${f.failoverRecord} and reads fail over by themselves.`
      : `Route53 already passes over a region whose endpoint check fails (${checks}); closing the gates also fences a half-working ${listed(closing)} from writes until fail-back, and passes over a replica that is healthy but not chosen. ` +
        `Each gate has an alarm in every other region; these commands publish to the ones in ${to.region} (${closing.map((r) => `\`${gateAlarm(r, to)}\``).join(', ')}): no Route53 API call. CloudFront sends writes to ${f.failoverRecord}; reads fail over to the edge's failover region.`;
  return [
    {
      id: 'close-failed-region',
      title: `Close ${listed(closing)}: ${f.failoverRecord} answers with ${to.hostname ?? to.region}`,
      note,
      commands: [
        ...closing.flatMap((r) => [gateCommand(f, r, 1, to), `${gateState(r, to)}   # expect ALARM within 2 minutes`]),
        `dig +short ${f.failoverRecord}   # expect ${to.hostname ?? to.region} within the record TTL`,
      ],
    },
  ];
}

/** Fail-back: from `where`, where they were closed, open the gates closed for the failover once the primary serves from the rebuilt writer. */
export function openGateStep(f: DrFacts, opening: readonly RegionNames[], where: RegionNames): Step[] {
  const [primary] = opening;
  if (!f.stacks.dns || !f.failoverRecord || !primary) return [];
  return [
    {
      id: 'open-primary-region',
      title: `Open ${listed(opening)}: ${f.failoverRecord} answers with ${primary.hostname ?? primary.region} again`,
      note: `Route53 answers with the PRIMARY as soon as its endpoint is healthy and its gate \`${gateAlarm(primary, where)}\` is open.`,
      commands: [
        ...opening.flatMap((r) => [gateCommand(f, r, 0, where), `${gateState(r, where)}   # expect OK within 2 minutes`]),
        `dig +short ${f.failoverRecord}   # expect ${primary.hostname ?? primary.region}`,
      ],
    },
  ];
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
      if (new RegExp(`(--region[ =]|AWS_REGION=|AWS_DEFAULT_REGION=|\\.)${failed}(\\.amazonaws\\.com)?\\b`).test(line))
        problems.push(`'${step.title}' calls ${failed}: ${line}`);
      if (/^terraform\b|\bterraform -chdir/.test(line))
        problems.push(`'${step.title}' reads Terraform state, kept in the home region: ${line}`);
      const service = /^aws\s+(\S+)/.exec(line)?.[1];
      if (service && US_EAST_1_CONTROL_PLANES.includes(service) && failed === 'us-east-1')
        problems.push(`'${step.title}' calls the ${service} control plane in us-east-1: ${line}`);
      if (service && !/--region\s+\S+/.test(line)) problems.push(`'${step.title}' leaves the region to the profile's default: ${line}`);
      return problems;
    }),
  );
}
