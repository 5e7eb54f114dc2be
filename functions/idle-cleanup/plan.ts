/** Pure logic of the idle-resource sweep: which resources are idle and which may be deleted. */

export interface Tag {
  readonly Key?: string;
  readonly Value?: string;
}

/** The subset of the EC2/ELB responses the sweep reads (recorded shapes of the SDK outputs). */
export interface Inventory {
  readonly volumes: readonly { VolumeId?: string; State?: string; CreateTime?: string | Date; Size?: number; Tags?: Tag[] }[];
  readonly addresses: readonly { AllocationId?: string; PublicIp?: string; AssociationId?: string; Tags?: Tag[] }[];
  readonly snapshots: readonly {
    SnapshotId?: string;
    StartTime?: string | Date;
    VolumeSize?: number;
    Description?: string;
    Tags?: Tag[];
  }[];
  readonly instances: readonly {
    InstanceId?: string;
    State?: { Name?: string };
    StateTransitionReason?: string;
    LaunchTime?: string | Date;
    Tags?: Tag[];
  }[];
  readonly loadBalancers: readonly {
    LoadBalancerArn?: string;
    LoadBalancerName?: string;
    Type?: string;
    CreatedTime?: string | Date;
    Tags?: Tag[];
    requestCount?: number;
  }[];
}

export interface SweepSettings {
  readonly dryRun: boolean;
  readonly optInTag: { readonly key: string; readonly value: string };
  readonly minAgeDays: number;
  readonly snapshotMaxAgeDays: number;
  readonly stoppedInstanceDays: number;
  readonly idleLoadBalancerDays: number;
}

export type ResourceKind = 'volume' | 'address' | 'snapshot' | 'instance' | 'load-balancer';

export interface IdleResource {
  readonly kind: ResourceKind;
  readonly id: string;
  readonly reason: string;
  /** Days idle (or old); undefined when AWS gives no date and no idle-since mark exists yet. */
  readonly ageDays?: number;
  readonly optedIn: boolean;
  /** Delete when opted in and old enough; otherwise only report. */
  readonly action: 'delete' | 'report';
}

/** Tag the sweep writes on first sight of an idle resource without a usable date. */
export const IDLE_SINCE_TAG = 'tradesense.io/idle-since';
const DAY_MS = 86_400_000;

const tagValue = (tags: readonly Tag[] | undefined, key: string) => tags?.find((t) => t.Key === key)?.Value;
const toMs = (d: string | Date | undefined) => (d === undefined ? undefined : new Date(d).getTime());

function days(now: Date, since: number | undefined): number | undefined {
  return since === undefined || Number.isNaN(since) ? undefined : Math.floor((now.getTime() - since) / DAY_MS);
}

/** "User initiated (2026-09-01 10:00:00 GMT)": when the instance stopped. */
export function stoppedAt(reason: string | undefined): number | undefined {
  const match = /\((\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}) GMT\)/.exec(reason ?? '');
  return match ? Date.parse(`${match[1]}T${match[2]}Z`) : undefined;
}

/** The later of AWS's own date and our idle-since mark: idleness restarts when reused. */
function idleSince(awsDate: number | undefined, tags: readonly Tag[] | undefined): number | undefined {
  const marked = toMs(tagValue(tags, IDLE_SINCE_TAG));
  if (awsDate === undefined) return marked;
  return marked === undefined ? awsDate : Math.max(awsDate, marked);
}

/** Every idle resource with its verdict. Deletion needs the opt-in tag AND the minimum age. */
export function planSweep(inv: Inventory, s: SweepSettings, now: Date): IdleResource[] {
  const verdict = (
    kind: ResourceKind,
    id: string | undefined,
    reason: string,
    tags: readonly Tag[] | undefined,
    ageDays: number | undefined,
    minAge: number,
  ): IdleResource[] => {
    if (!id) return [];
    const optedIn = tagValue(tags, s.optInTag.key) === s.optInTag.value;
    const action = optedIn && ageDays !== undefined && ageDays >= minAge ? 'delete' : 'report';
    return [{ kind, id, reason, ageDays, optedIn, action }];
  };
  const idleLbMinAge = Math.max(s.minAgeDays, s.idleLoadBalancerDays);
  return [
    ...inv.volumes
      .filter((v) => v.State === 'available')
      .flatMap((v) =>
        verdict(
          'volume',
          v.VolumeId,
          `unattached ${v.Size ?? '?'} GiB volume`,
          v.Tags,
          days(now, idleSince(toMs(v.CreateTime), v.Tags)),
          s.minAgeDays,
        ),
      ),
    ...inv.addresses
      .filter((a) => !a.AssociationId)
      .flatMap((a) =>
        verdict(
          'address',
          a.AllocationId,
          `unassociated Elastic IP ${a.PublicIp ?? ''}`.trim(),
          a.Tags,
          days(now, idleSince(undefined, a.Tags)),
          s.minAgeDays,
        ),
      ),
    ...inv.snapshots
      // AWS Backup owns its recovery points' lifecycle.
      .filter((snap) => !snap.Tags?.some((t) => t.Key?.startsWith('aws:backup')))
      .map((snap) => ({ snap, age: days(now, toMs(snap.StartTime)) }))
      .filter(({ age }) => age !== undefined && age >= s.snapshotMaxAgeDays)
      .flatMap(({ snap, age }) =>
        verdict('snapshot', snap.SnapshotId, `snapshot older than ${s.snapshotMaxAgeDays} days`, snap.Tags, age, s.snapshotMaxAgeDays),
      ),
    ...inv.instances
      .filter((i) => i.State?.Name === 'stopped')
      .map((i) => ({ i, age: days(now, stoppedAt(i.StateTransitionReason)) }))
      .filter(({ age }) => age === undefined || age >= s.stoppedInstanceDays)
      .flatMap(({ i, age }) =>
        verdict(
          'instance',
          i.InstanceId,
          `stopped longer than ${s.stoppedInstanceDays} days`,
          i.Tags,
          age,
          Math.max(s.minAgeDays, s.stoppedInstanceDays),
        ),
      ),
    ...inv.loadBalancers
      .filter((lb) => lb.requestCount === 0)
      .flatMap((lb) =>
        verdict(
          'load-balancer',
          lb.LoadBalancerArn,
          `${lb.Type ?? 'load balancer'} ${lb.LoadBalancerName ?? ''} had no traffic in ${s.idleLoadBalancerDays} days`,
          lb.Tags,
          days(now, idleSince(toMs(lb.CreatedTime), lb.Tags)),
          idleLbMinAge,
        ),
      ),
  ];
}

/** The SNS report: what was found, what was (or would be) deleted. */
export function sweepReport(scope: string, found: readonly IdleResource[], dryRun: boolean, outcomes: ReadonlyMap<string, string>): string {
  const header = `Idle resources in ${scope}: ${found.length} found, ${found.filter((f) => f.action === 'delete').length} eligible for deletion${dryRun ? ' (dry run: nothing deleted)' : ''}`;
  const lines = found.map((f) => {
    const age = f.ageDays === undefined ? 'age unknown' : `${f.ageDays} d`;
    const fallback =
      f.action === 'delete'
        ? 'would delete'
        : !f.optedIn
          ? 'not opted in'
          : f.ageDays === undefined
            ? 'idle-since mark set on the next live run'
            : 'too recent';
    const outcome = outcomes.get(f.id) ?? fallback;
    return `- ${f.kind} ${f.id}: ${f.reason} (${age}) -> ${outcome}`;
  });
  return [header, ...lines].join('\n');
}

/** The CloudWatch metric that shows a load balancer's traffic; its dimension is the ARN suffix `app/name/id`. */
export function trafficMetric(arn: string, type: string | undefined): { namespace: string; metric: string; dimension: string } {
  const dimension = arn.split(':loadbalancer/')[1] ?? '';
  if (type === 'application') return { namespace: 'AWS/ApplicationELB', metric: 'RequestCount', dimension };
  if (type === 'gateway') return { namespace: 'AWS/GatewayELB', metric: 'NewFlowCount', dimension };
  return { namespace: 'AWS/NetworkELB', metric: 'NewFlowCount', dimension };
}

/** Sum of a GetMetricData result (no datapoints means no traffic). */
export function metricTotal(response: { MetricDataResults?: { Values?: number[] }[] }): number {
  return (response.MetricDataResults ?? []).flatMap((r) => r.Values ?? []).reduce((n, v) => n + v, 0);
}

/** Joins DescribeLoadBalancers, DescribeTags and the traffic sums into the sweep's view. */
export function loadBalancerInventory(
  loadBalancers: readonly { LoadBalancerArn?: string; LoadBalancerName?: string; Type?: string; CreatedTime?: string | Date }[],
  tagDescriptions: readonly { ResourceArn?: string; Tags?: Tag[] }[],
  traffic: ReadonlyMap<string, number>,
): Inventory['loadBalancers'] {
  return loadBalancers.map((lb) => ({
    ...lb,
    Tags: tagDescriptions.find((d) => d.ResourceArn === lb.LoadBalancerArn)?.Tags,
    requestCount: traffic.get(lb.LoadBalancerArn ?? ''),
  }));
}
