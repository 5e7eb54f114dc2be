import { CloudWatchClient, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import {
  CreateSnapshotCommand,
  CreateTagsCommand,
  DeleteSnapshotCommand,
  DeleteVolumeCommand,
  DescribeAddressesCommand,
  EC2Client,
  ReleaseAddressCommand,
  TerminateInstancesCommand,
  paginateDescribeInstances,
  paginateDescribeSnapshots,
  paginateDescribeVolumes,
  waitUntilSnapshotCompleted,
} from '@aws-sdk/client-ec2';
import {
  DeleteLoadBalancerCommand,
  DescribeTagsCommand,
  ElasticLoadBalancingV2Client,
  paginateDescribeLoadBalancers,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { IDLE_SINCE_TAG, loadBalancerInventory, metricTotal, trafficMetric, type Inventory, type SweepSettings } from './plan.js';
import { runSweep, type SweepPorts } from './run.js';

const ec2 = new EC2Client({});
const elb = new ElasticLoadBalancingV2Client({});
const cloudwatch = new CloudWatchClient({});
const sns = new SNSClient({});

async function collect<T, R>(pages: AsyncIterable<T>, pick: (page: T) => R[] | undefined): Promise<R[]> {
  const items: R[] = [];
  for await (const page of pages) items.push(...(pick(page) ?? []));
  return items;
}

async function trafficSum(arn: string, type: string | undefined, days: number, now: Date): Promise<number> {
  const m = trafficMetric(arn, type);
  return metricTotal(
    await cloudwatch.send(
      new GetMetricDataCommand({
        StartTime: new Date(now.getTime() - days * 86_400_000),
        EndTime: now,
        MetricDataQueries: [
          {
            Id: 'traffic',
            MetricStat: {
              Metric: { Namespace: m.namespace, MetricName: m.metric, Dimensions: [{ Name: 'LoadBalancer', Value: m.dimension }] },
              Period: 86_400,
              Stat: 'Sum',
            },
          },
        ],
      }),
    ),
  );
}

async function inventory(settings: SweepSettings, now: Date): Promise<Inventory> {
  const loadBalancers = await collect(paginateDescribeLoadBalancers({ client: elb }, {}), (p) => p.LoadBalancers);
  const tagDescriptions = [];
  const traffic = new Map<string, number>();
  // DescribeTags takes at most 20 ARNs.
  for (let i = 0; i < loadBalancers.length; i += 20) {
    const arns = loadBalancers.slice(i, i + 20).map((lb) => lb.LoadBalancerArn ?? '');
    tagDescriptions.push(...((await elb.send(new DescribeTagsCommand({ ResourceArns: arns }))).TagDescriptions ?? []));
  }
  for (const lb of loadBalancers) {
    const arn = lb.LoadBalancerArn ?? '';
    traffic.set(arn, await trafficSum(arn, lb.Type, settings.idleLoadBalancerDays, now));
  }
  return {
    volumes: await collect(
      paginateDescribeVolumes({ client: ec2 }, { Filters: [{ Name: 'status', Values: ['available'] }] }),
      (p) => p.Volumes,
    ),
    addresses: (await ec2.send(new DescribeAddressesCommand({}))).Addresses ?? [],
    snapshots: await collect(paginateDescribeSnapshots({ client: ec2 }, { OwnerIds: ['self'] }), (p) => p.Snapshots),
    instances: await collect(
      paginateDescribeInstances({ client: ec2 }, { Filters: [{ Name: 'instance-state-name', Values: ['stopped'] }] }),
      (p) => p.Reservations?.flatMap((r) => r.Instances ?? []),
    ),
    loadBalancers: loadBalancerInventory(loadBalancers, tagDescriptions, traffic),
  };
}

/** Daily idle-resource sweep of this account and region; dry run unless DRY_RUN=false. */
export async function handler(): Promise<{ found: number; deleted: number }> {
  const now = new Date();
  const settings = JSON.parse(process.env.SWEEP_SETTINGS ?? '') as SweepSettings;
  const topicArn = process.env.TOPIC_ARN ?? '';
  const ports: SweepPorts = {
    inventory: (s) => inventory(s, now),
    snapshotVolume: async (volumeId) => {
      const snap = await ec2.send(
        new CreateSnapshotCommand({
          VolumeId: volumeId,
          Description: `idle-cleanup: final snapshot of ${volumeId}`,
          TagSpecifications: [{ ResourceType: 'snapshot', Tags: [{ Key: 'tradesense.io/final-snapshot-of', Value: volumeId }] }],
        }),
      );
      if (!snap.SnapshotId) return false;
      const waited = await waitUntilSnapshotCompleted({ client: ec2, maxWaitTime: 600 }, { SnapshotIds: [snap.SnapshotId] }).catch(
        () => undefined,
      );
      return waited?.state === 'SUCCESS';
    },
    delete: async (r) => {
      if (r.kind === 'volume') await ec2.send(new DeleteVolumeCommand({ VolumeId: r.id }));
      else if (r.kind === 'address') await ec2.send(new ReleaseAddressCommand({ AllocationId: r.id }));
      else if (r.kind === 'snapshot') await ec2.send(new DeleteSnapshotCommand({ SnapshotId: r.id }));
      else if (r.kind === 'instance') await ec2.send(new TerminateInstancesCommand({ InstanceIds: [r.id] }));
      else await elb.send(new DeleteLoadBalancerCommand({ LoadBalancerArn: r.id }));
    },
    markIdle: async (r, today) => {
      if (r.kind !== 'load-balancer')
        await ec2.send(new CreateTagsCommand({ Resources: [r.id], Tags: [{ Key: IDLE_SINCE_TAG, Value: today }] }));
    },
    publish: async (Subject, Message) => {
      await sns.send(new PublishCommand({ TopicArn: topicArn, Subject, Message }));
    },
  };
  const result = await runSweep(ports, process.env.SCOPE ?? 'this account', settings, now);
  return { found: result.found.length, deleted: result.deleted.length };
}
