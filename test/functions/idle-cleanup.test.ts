import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import {
  loadBalancerInventory,
  metricTotal,
  planSweep,
  stoppedAt,
  trafficMetric,
  type Inventory,
  type SweepSettings,
} from '../../functions/idle-cleanup/plan.js';
import { runSweep, type SweepPorts } from '../../functions/idle-cleanup/run.js';

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../fixtures/cost/${name}`, import.meta.url), 'utf8'));
const NOW = new Date('2026-11-23T06:00:00Z');
const SETTINGS: SweepSettings = {
  dryRun: false,
  optInTag: { key: 'tradesense.io/cleanup', value: 'allowed' },
  minAgeDays: 14,
  snapshotMaxAgeDays: 90,
  stoppedInstanceDays: 30,
  idleLoadBalancerDays: 14,
};

/** The inventory as the handler builds it, from recorded EC2, ELB and CloudWatch responses. */
function recordedInventory(): Inventory {
  const lbs = fixture('elbv2-describe-load-balancers.json').LoadBalancers;
  const traffic = new Map<string, number>([
    [lbs[0].LoadBalancerArn, metricTotal(fixture('cloudwatch-get-metric-data-idle.json'))],
    [lbs[1].LoadBalancerArn, metricTotal(fixture('cloudwatch-get-metric-data-busy.json'))],
  ]);
  return {
    volumes: fixture('ec2-describe-volumes.json').Volumes,
    addresses: fixture('ec2-describe-addresses.json').Addresses,
    snapshots: fixture('ec2-describe-snapshots.json').Snapshots,
    instances: fixture('ec2-describe-instances.json').Reservations.flatMap((r: any) => r.Instances),
    loadBalancers: loadBalancerInventory(lbs, fixture('elbv2-describe-tags.json').TagDescriptions, traffic),
  };
}

const byId = (found: ReturnType<typeof planSweep>) => Object.fromEntries(found.map((f) => [f.id, f]));

describe('idle-resource sweep', () => {
  const found = byId(planSweep(recordedInventory(), SETTINGS, NOW));

  test('finds unattached volumes, unassociated EIPs, old snapshots, stopped instances and idle load balancers', () => {
    expect(Object.keys(found).sort()).toEqual([
      'arn:aws:elasticloadbalancing:us-east-1:210987654321:loadbalancer/app/preview-ui/50dc6c495c0c9188',
      'eipalloc-0a1b2c3d4e5f60718',
      'eipalloc-0b2c3d4e5f6071829',
      'i-0aaaaaaaaaaaaaaa1',
      'i-0ccccccccccccccc3',
      'snap-0a1a1a1a1a1a1a1a1',
      'snap-0b2b2b2b2b2b2b2b2',
      'vol-0aa11bb22cc33dd44',
      'vol-0bb22cc33dd44ee55',
      'vol-0cc33dd44ee55ff66',
    ]);
  });

  test.each([
    ['vol-0aa11bb22cc33dd44', 'delete', 'opted in, unattached 52 days'],
    ['vol-0bb22cc33dd44ee55', 'report', 'opted in but only 3 days old'],
    ['vol-0cc33dd44ee55ff66', 'report', 'old but not opted in'],
    ['eipalloc-0a1b2c3d4e5f60718', 'delete', 'idle-since mark 34 days ago'],
    ['eipalloc-0b2c3d4e5f6071829', 'report', 'no date yet: age unknown'],
    ['snap-0a1a1a1a1a1a1a1a1', 'delete', 'opted in, older than 90 days'],
    ['snap-0b2b2b2b2b2b2b2b2', 'report', 'old but not opted in'],
    ['i-0aaaaaaaaaaaaaaa1', 'delete', 'stopped 82 days, opted in'],
    ['i-0ccccccccccccccc3', 'report', 'stopped long, not opted in'],
    ['arn:aws:elasticloadbalancing:us-east-1:210987654321:loadbalancer/app/preview-ui/50dc6c495c0c9188', 'delete', 'no requests, opted in'],
  ])('%s -> %s (%s)', (id, action) => {
    expect(found[id]?.action).toBe(action);
  });

  test('AWS Backup recovery points, recent snapshots, in-use volumes and busy load balancers are left alone', () => {
    expect(found['snap-0c3c3c3c3c3c3c3c3']).toBeUndefined();
    expect(found['snap-0d4d4d4d4d4d4d4d4']).toBeUndefined();
    expect(found['vol-0dd44ee55ff6600aa']).toBeUndefined();
    expect(found['i-0bbbbbbbbbbbbbbb2']).toBeUndefined();
  });

  test('parses the stop time from the state transition reason', () => {
    expect(stoppedAt('User initiated (2026-09-01 10:00:00 GMT)')).toBe(Date.parse('2026-09-01T10:00:00Z'));
    expect(stoppedAt('Server.SpotInstanceTermination')).toBeUndefined();
  });

  test('traffic comes from RequestCount for ALBs and NewFlowCount for NLBs, by ARN suffix', () => {
    expect(trafficMetric('arn:aws:elasticloadbalancing:us-east-1:1:loadbalancer/app/a/1', 'application')).toEqual({
      namespace: 'AWS/ApplicationELB',
      metric: 'RequestCount',
      dimension: 'app/a/1',
    });
    expect(trafficMetric('arn:aws:elasticloadbalancing:us-east-1:1:loadbalancer/net/b/2', 'network').metric).toBe('NewFlowCount');
  });
});

function fakePorts(snapshotCompletes: boolean) {
  const calls: string[] = [];
  const published: string[] = [];
  const ports: SweepPorts = {
    inventory: async () => recordedInventory(),
    snapshotVolume: async (id) => {
      calls.push(`snapshot ${id}`);
      return snapshotCompletes;
    },
    delete: async (r) => void calls.push(`delete ${r.id}`),
    markIdle: async (r, today) => void calls.push(`mark ${r.id} ${today}`),
    publish: async (_subject, message) => void published.push(message),
  };
  return { ports, calls, published };
}

describe('sweep run', () => {
  test('dry run deletes nothing and still reports what it would delete', async () => {
    const { ports, calls, published } = fakePorts(true);
    const result = await runSweep(ports, 'dev/us-east-1', { ...SETTINGS, dryRun: true }, NOW);
    expect(calls).toEqual([]);
    expect(result.deleted).toEqual([]);
    expect(published[0]).toContain('(dry run: nothing deleted)');
    expect(published[0]).toContain('vol-0aa11bb22cc33dd44: unattached 100 GiB volume (52 d) -> would delete');
    expect(published[0]).toContain(
      'eipalloc-0b2c3d4e5f6071829: unassociated Elastic IP 198.51.100.11 (age unknown) -> idle-since mark set on the next live run',
    );
    expect(published[0]).toContain('vol-0cc33dd44ee55ff66: unattached 500 GiB volume (113 d) -> not opted in');
  });

  test('live run snapshots a volume before deleting it and marks undated resources', async () => {
    const { ports, calls } = fakePorts(true);
    const result = await runSweep(ports, 'dev/us-east-1', SETTINGS, NOW);
    expect(calls.indexOf('snapshot vol-0aa11bb22cc33dd44')).toBeLessThan(calls.indexOf('delete vol-0aa11bb22cc33dd44'));
    expect(calls).toContain('mark eipalloc-0b2c3d4e5f6071829 2026-11-23');
    expect(result.deleted.sort()).toEqual([
      'arn:aws:elasticloadbalancing:us-east-1:210987654321:loadbalancer/app/preview-ui/50dc6c495c0c9188',
      'eipalloc-0a1b2c3d4e5f60718',
      'i-0aaaaaaaaaaaaaaa1',
      'snap-0a1a1a1a1a1a1a1a1',
      'vol-0aa11bb22cc33dd44',
    ]);
  });

  test('a volume whose snapshot has not completed is kept for the next run', async () => {
    const { ports, calls, published } = fakePorts(false);
    const result = await runSweep(ports, 'dev/us-east-1', SETTINGS, NOW);
    expect(calls).not.toContain('delete vol-0aa11bb22cc33dd44');
    expect(result.deleted).not.toContain('vol-0aa11bb22cc33dd44');
    expect(published[0]).toContain('snapshot still pending; deletion deferred');
  });
});
