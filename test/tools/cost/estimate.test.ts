import { describe, expect, test } from 'vitest';
import { environmentOf, estimateStacks, type StackInput } from '../../../tools/cost/estimate.js';
import { formatEstimate } from '../../../tools/cost/format.js';
import { latestPricing, type Pricing } from '../../../tools/cost/pricing.js';
import { platformStackNames, stackJson } from '../../support/platform.js';

const pricing = latestPricing();
const stack = (name: string, resource: StackInput['json']['resource'], output?: StackInput['json']['output']): StackInput => ({
  name,
  json: { resource, output },
});

const nodeGroup = (instanceTypes: string[], capacity: 'SPOT' | 'ON_DEMAND', desired: number) => ({
  aws_launch_template: { lt: { block_device_mappings: [{ ebs: { volume_size: 50 } }] } },
  aws_eks_node_group: {
    pool: {
      instance_types: instanceTypes,
      capacity_type: capacity,
      scaling_config: { desired_size: desired, min_size: 1, max_size: 9 },
      launch_template: { id: `\${aws_launch_template.lt.id}` },
    },
  },
});

describe('cost estimate', () => {
  test('the snapshot is dated, names its sources and prices every instance type in config', () => {
    expect(pricing.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(Object.values(pricing.sources).every((url) => url.startsWith('https://aws.amazon.com/'))).toBe(true);
    const env = stackJson('prod-us-east-1-cluster');
    for (const group of Object.values(env.resource.aws_eks_node_group ?? {}) as any[]) {
      for (const type of group.instance_types) expect(pricing.ec2[type]?.x86Equivalent, type).toBeDefined();
    }
  });

  test('a spot Graviton node group: spot and Graviton savings against on-demand x86', () => {
    const e = estimateStacks([stack('prod-us-east-1-cluster', nodeGroup(['m7g.xlarge', 'c7g.xlarge'], 'SPOT', 4))], pricing);
    const [line] = e.stacks[0]?.lines ?? [];
    const hours = 730 * 4;
    const spot = (0.068 + 0.061) / 2;
    const disk = 4 * 50 * 0.08;
    expect(line?.monthlyUsd).toBeCloseTo(spot * hours + disk, 2);
    expect(line?.baselineUsd).toBeCloseTo(0.2016 * hours + disk, 2);
    expect(line?.savings.graviton).toBeCloseTo((0.2016 - 0.1632) * hours, 2);
    expect(line?.savings.spot).toBeCloseTo((0.1632 - spot) * hours, 2);
    expect((line?.baselineUsd ?? 0) - (line?.monthlyUsd ?? 0)).toBeCloseTo((line?.savings.graviton ?? 0) + (line?.savings.spot ?? 0), 1);
  });

  test('Karpenter capacity declared as an output is priced with consolidation as right-sizing', () => {
    const e = estimateStacks(
      [
        stack(
          'dev-us-east-1-karpenter',
          {},
          { karpenter_baseline_capacity: { value: { instance_types: ['m7g.xlarge'], capacity_type: 'spot', nodes: 2, disk_gib: 50 } } },
        ),
      ],
      pricing,
    );
    const [line] = e.stacks[0]?.lines ?? [];
    expect(line?.address).toBe('output.karpenter_baseline_capacity');
    expect(line?.savings.rightSizing).toBeCloseTo(0.068 * 730 * 2 * 0.15, 2);
  });

  test('NAT, EKS, RDS multi-AZ, endpoints and KMS are priced by resource type', () => {
    const e = estimateStacks(
      [
        stack('prod-us-east-1-network', {
          aws_nat_gateway: { nat: {} },
          aws_eks_cluster: { eks: {} },
          aws_db_instance: { db: { instance_class: 'db.r7g.xlarge', multi_az: true, allocated_storage: 200, storage_type: 'gp3' } },
          aws_vpc_endpoint: { ecr: { vpc_endpoint_type: 'Interface', subnet_ids: ['a', 'b', 'c'] }, s3: { vpc_endpoint_type: 'Gateway' } },
          aws_kms_key: { k: {} },
          aws_iam_role: { r: {} },
        }),
      ],
      pricing,
    );
    const cost = Object.fromEntries((e.stacks[0]?.lines ?? []).map((l) => [l.address, l.monthlyUsd]));
    expect(cost['aws_nat_gateway.nat']).toBeCloseTo(0.045 * 730 + 200 * 0.045 + 100 * 0.09, 2);
    expect(cost['aws_eks_cluster.eks']).toBeCloseTo(73, 2);
    expect(cost['aws_db_instance.db']).toBeCloseTo(0.478 * 730 * 2 + 200 * 0.115 * 2, 2);
    expect(cost['aws_vpc_endpoint.ecr']).toBeCloseTo(0.01 * 730 * 3 + 10 * 0.01, 2);
    expect(cost['aws_vpc_endpoint.s3']).toBe(0);
    expect(cost['aws_kms_key.k']).toBe(1);
    expect(cost['aws_iam_role.r']).toBeUndefined();
    expect(e.unpriced).toEqual([]);
  });

  test('what it cannot price is listed as unpriced with a reason, never counted as zero', () => {
    const e = estimateStacks(
      [
        stack('dev-us-east-1-data', {
          aws_s3_bucket: { b: {} },
          aws_elasticache_cluster: { c: {} },
          ...nodeGroup(['x2iedn.32xlarge'], 'ON_DEMAND', 1),
        }),
      ],
      pricing,
    );
    expect(e.stacks[0]?.lines).toEqual([]);
    expect(e.monthlyUsd).toBe(0);
    expect(e.unpriced).toEqual([
      {
        stack: 'dev-us-east-1-data',
        address: 'aws_eks_node_group.pool',
        type: 'aws_eks_node_group',
        reason: `instance type x2iedn.32xlarge has no price in pricing snapshot ${pricing.date}; add it (on-demand, spot, x86 twin) to tools/cost/pricing/${pricing.date}.json`,
        cause: 'missing-price',
      },
      {
        stack: 'dev-us-east-1-data',
        address: 'aws_elasticache_cluster.c',
        type: 'aws_elasticache_cluster',
        reason: `resource type aws_elasticache_cluster is not in pricing snapshot ${pricing.date}`,
        cause: 'unknown-type',
      },
      {
        stack: 'dev-us-east-1-data',
        address: 'aws_s3_bucket.b',
        type: 'aws_s3_bucket',
        reason: 'usage-based: storage GB and requests',
        cause: 'usage-based',
      },
    ]);
  });

  test('a snapshot missing a rate reports it instead of pricing at zero', () => {
    const partial: Pricing = { ...pricing, hourly: { ...pricing.hourly, aws_nat_gateway: undefined as unknown as number } };
    delete (partial.hourly as Record<string, number>).aws_nat_gateway;
    const e = estimateStacks([stack('dev-us-east-1-network', { aws_nat_gateway: { nat: {} } })], partial);
    expect(e.unpriced[0]?.reason).toBe(
      `pricing snapshot ${pricing.date} has no hourly.aws_nat_gateway; add it to tools/cost/pricing/${pricing.date}.json`,
    );
  });

  test('stack names map to environments; account-less stacks are shared', () => {
    expect(environmentOf('prod-us-west-2-cluster')).toBe('prod');
    expect(environmentOf('staging-global-cost-controls')).toBe('staging');
    expect(environmentOf('github')).toBe('shared');
  });

  test('the synthesized platform: per-environment totals, savings of 30-45% against all on-demand x86', () => {
    const e = estimateStacks(
      platformStackNames().map((name) => ({ name, json: stackJson(name) })),
      pricing,
    );
    expect(e.environments.map((x) => x.environment).sort()).toEqual(['dev', 'prod', 'staging']);
    for (const env of e.environments) {
      expect(env.monthlyUsd).toBeGreaterThan(0);
      expect(env.baselineUsd).toBeGreaterThan(env.monthlyUsd);
    }
    const saved = (e.baselineUsd - e.monthlyUsd) / e.baselineUsd;
    expect(saved).toBeGreaterThan(0.25);
    expect(saved).toBeLessThan(0.45);
    expect(e.unpriced.some((u) => u.reason.startsWith('instance type'))).toBe(false);
    const text = formatEstimate(e, [{ environment: 'prod', monthlyBudgetUsd: 8000 }]);
    expect(text).toMatch(/^Monthly cost estimate \(pricing snapshot \d{4}-\d{2}-\d{2}, USD\)/);
    expect(text).toMatch(/prod\s+\$[\d,]+\.\d\d {2}vs all-on-demand x86 \$[\d,]+\.\d\d: saves .* budget \$8,000\.00/);
    expect(text).toContain('Unpriced (');
  });

  test('same input, same estimate (the PR cost delta compares two runs)', () => {
    const input = [stack('prod-us-east-1-cluster', nodeGroup(['m7g.xlarge', 'c7g.xlarge', 'r7g.xlarge', 'm6g.xlarge'], 'SPOT', 6))];
    expect(estimateStacks(input, pricing)).toEqual(estimateStacks(input, pricing));
  });
});
