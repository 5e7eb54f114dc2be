import { describe, expect, it } from 'vitest';
import { costDelta } from '../../../tools/diff/cost-delta.js';
import { diffTrees } from '../../../tools/diff/diff.js';
import { renderMarkdown } from '../../../tools/diff/markdown.js';
import { policyDelta } from '../../../tools/diff/policy-delta.js';
import { buildReport } from '../../../tools/diff/report.js';
import type { SynthTree } from '../../../tools/diff/tree.js';
import { latestPricing } from '../../../tools/cost/pricing.js';

const pricing = latestPricing();
const DB_STACK = 'prod-us-east-1-database';
const database = (instanceClass: string, extra: Record<string, Record<string, Record<string, unknown>>> = {}) => ({
  name: DB_STACK,
  json: {
    resource: {
      aws_db_instance: {
        orders: { identifier: 'orders', instance_class: instanceClass, multi_az: true, allocated_storage: 100, storage_type: 'gp3' },
      },
      ...extra,
    },
  },
});
const network = { name: 'prod-us-east-1-network', json: { resource: { aws_nat_gateway: { nat: {} } } } };
const tree = (...stacks: SynthTree['stacks']): SynthTree => ({ stacks, clusters: [] });
const markdownOf = (base: SynthTree, head: SynthTree) =>
  renderMarkdown(
    buildReport({
      base: { ref: 'main', sha: 'a'.repeat(40) },
      diff: diffTrees(base, head),
      policy: policyDelta([], []),
      cost: costDelta(base, head),
      allowDestroy: false,
    }),
  );

describe('cost delta of an upsized instance class the pricing snapshot lacks', () => {
  const UNPRICED_CLASS = 'db.r7g.16xlarge';
  const base = tree(database('db.r7g.large'), network);
  const head = tree(database(UNPRICED_CLASS), network);

  it('is premised on a class the snapshot lacks and one it has', () => {
    expect(pricing.rds[UNPRICED_CLASS]).toBeUndefined();
    expect(pricing.rds['db.r7g.large']).toBeDefined();
  });

  it('is incomplete, names the resource with its base figure, and compares only what both sides price', () => {
    const cost = costDelta(base, head);
    if (!cost.available) throw new Error(cost.reason);
    expect(cost.gaps).toEqual([
      expect.objectContaining({
        stack: DB_STACK,
        address: 'aws_db_instance.orders',
        cause: 'missing-price',
        unpricedIn: 'head',
        pricedMonthly: expect.any(Number),
      }),
    ]);
    expect(cost.gaps[0]?.pricedMonthly).toBeGreaterThan(0);
    // Without the gap on both sides, nothing else changed: no saving.
    expect(cost.headMonthly - cost.baseMonthly).toBe(0);
    expect(cost.stacks).toEqual([]);
  });

  it('says INCOMPLETE at the top of the comment, naming the resource, and never shows a saving', () => {
    const markdown = markdownOf(base, head);
    const warning = markdown.indexOf('**Cost delta INCOMPLETE**');
    expect(warning).toBeGreaterThan(0);
    expect(warning).toBeLessThan(markdown.indexOf('### '));
    expect(markdown.slice(warning)).toMatch(
      /^\*\*Cost delta INCOMPLETE\*\*[^\n]*\n>\n> - `aws_db_instance\.orders` in `prod-us-east-1-database`: RDS instance class db\.r7g\.16xlarge has no price[^\n]*\(base: USD \d+\.\d\d\/month\)\n/,
    );
    expect(markdown).toMatch(/### Cost\n\n\*\*INCOMPLETE\*\*/);
    expect(markdown).not.toMatch(/\(-USD/);
  });

  it('flags a new resource whose instance type the snapshot lacks, but not new usage-based resources', () => {
    const grown = tree(
      database('db.r7g.large', {
        aws_eks_node_group: { big: { instance_types: ['x2iedn.32xlarge'], scaling_config: { desired_size: 2 } } },
        aws_s3_bucket: { logs: {} },
      }),
      network,
    );
    const cost = costDelta(base, grown);
    if (!cost.available) throw new Error(cost.reason);
    expect(cost.gaps.map((g) => g.address)).toEqual(['aws_eks_node_group.big']);
    expect(cost.unpriced.head.map((u) => u.address).sort()).toEqual(['aws_eks_node_group.big', 'aws_s3_bucket.logs']);
  });

  it('lists unpriced resources per side, by type and by address where the sides differ', () => {
    const withBucket = tree(database('db.r7g.large', { aws_s3_bucket: { logs: {} } }), network);
    const markdown = markdownOf(base, withBucket);
    expect(markdown).toMatch(/in the base, 1 in the working tree/);
    expect(markdown).toMatch(/\| `aws_s3_bucket` \| usage-based: storage GB and requests \| 0 \| 1 \|/);
    expect(markdown).toMatch(/\| working tree \| `aws_s3_bucket\.logs` \| `prod-us-east-1-database` \|/);
    expect(markdown).not.toMatch(/INCOMPLETE/);
  });
});

describe('cost delta of a class only the working tree can price', () => {
  it('leaves the resource out of both totals instead of counting its whole price as an increase', () => {
    const cost = costDelta(tree(database('db.r7g.16xlarge'), network), tree(database('db.r7g.large'), network));
    if (!cost.available) throw new Error(cost.reason);
    expect(cost.gaps).toEqual([
      expect.objectContaining({ address: 'aws_db_instance.orders', unpricedIn: 'base', pricedMonthly: expect.any(Number) }),
    ]);
    expect(cost.headMonthly).toBe(cost.baseMonthly);
  });
});

describe('cost delta of a removed stack', () => {
  it('is not a saving: the stack keeps running, its cost is named apart', () => {
    const base = tree(database('db.r7g.large'), network);
    const head = tree(database('db.r7g.large'));
    const cost = costDelta(base, head);
    if (!cost.available) throw new Error(cost.reason);
    expect(cost.headMonthly).toBe(cost.baseMonthly);
    expect(cost.orphaned).toEqual([{ stack: 'prod-us-east-1-network', baseMonthly: expect.any(Number) }]);
    expect(markdownOf(base, head)).toMatch(
      /Not counted as a saving: `prod-us-east-1-network` \(USD \d+\.\d\d\), removed stacks whose resources keep running/,
    );
  });
});
