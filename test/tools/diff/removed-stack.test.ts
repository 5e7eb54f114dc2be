import { describe, expect, it } from 'vitest';
import { diffTrees } from '../../../tools/diff/diff.js';
import { renderMarkdown } from '../../../tools/diff/markdown.js';
import { policyDelta } from '../../../tools/diff/policy-delta.js';
import { buildReport, exitCodeOf } from '../../../tools/diff/report.js';
import type { SynthTree } from '../../../tools/diff/tree.js';

const data = {
  name: 'staging-us-west-2-data',
  json: {
    resource: {
      aws_db_instance: { orders: { identifier: 'orders-replica' } },
      aws_cloudwatch_log_group: { logs: { name: '/rds/orders' } },
    },
  },
};
const alerts = { name: 'staging-us-west-2-alerts', json: { resource: { aws_sns_topic: { alerts: { name: 'alerts' } } } } };
const network = { name: 'staging-us-west-2-network', json: { resource: { aws_vpc: { main: { cidr_block: '10.20.0.0/16' } } } } };
const tree = (...stacks: SynthTree['stacks']): SynthTree => ({ stacks, clusters: [] });
const report = (base: SynthTree, head: SynthTree, allowDestroy = false) =>
  buildReport({
    base: { ref: 'main', sha: 'b'.repeat(40) },
    diff: diffTrees(base, head),
    policy: policyDelta([], []),
    cost: { available: false, reason: 'not priced here' },
    allowDestroy,
  });

describe('a stack that disappears', () => {
  it('is its own category, not a list of resource destroys', () => {
    const d = diffTrees(tree(network, alerts), tree(network));
    expect(d.removedStacks).toEqual([
      {
        stack: 'staging-us-west-2-alerts',
        env: 'staging',
        region: 'us-west-2',
        resources: [{ address: 'aws_sns_topic.alerts', type: 'aws_sns_topic', stateful: false }],
        stateful: false,
      },
    ]);
    expect(d.targets).toEqual([]);
    expect(d.destructive).toEqual([]);
  });

  it('says `cdktf deploy` will not destroy it, prominently, and does not block when it holds nothing stateful', () => {
    const r = report(tree(network, alerts), tree(network));
    const markdown = renderMarkdown(r);
    expect(markdown).toMatch(/Stacks: 1 stack removed \(not destroyed: see below\)\./);
    expect(markdown).toMatch(
      /### Stacks removed: `cdktf deploy` will not destroy them\n\n1 stack of the base is no longer synthesized\. .*the state stays in S3 and the resources keep running \(and costing\), orphaned/,
    );
    expect(markdown).toMatch(/\| `staging-us-west-2-alerts` \| 1 \| {2}\|/);
    expect(markdown).not.toMatch(/\[!CAUTION\]/);
    expect(exitCodeOf(r)).toBe(0);
  });

  it('blocks like a stateful destroy when it holds stateful resources, naming them', () => {
    const blocked = report(tree(network, data), tree(network));
    expect(blocked.blocked).toBe(true);
    expect(exitCodeOf(blocked)).toBe(1);
    const markdown = renderMarkdown(blocked);
    expect(markdown).toMatch(/> \[!CAUTION\]\n> \*\*Blocked\*\*: this PR destroys, replaces or orphans stateful resources\./);
    expect(markdown).toContain('> - stack `staging-us-west-2-data` removed, orphaning stateful `aws_db_instance.orders`');
    expect(markdown.indexOf('[!CAUTION]')).toBeLessThan(markdown.indexOf('### Stacks removed'));
  });

  it('passes with --allow-destroy (the PR label), still saying so', () => {
    const allowed = report(tree(network, data), tree(network), true);
    expect(exitCodeOf(allowed)).toBe(0);
    expect(renderMarkdown(allowed)).toMatch(
      /Destructive changes allowed by the `allow-destroy` label\.\n>\n> - stack `staging-us-west-2-data` removed/,
    );
  });

  it('lists added stacks in the summary', () => {
    const d = diffTrees(tree(network), tree(network, alerts));
    expect(d.addedStacks).toEqual(['staging-us-west-2-alerts']);
    expect(renderMarkdown(report(tree(network), tree(network, alerts)))).toMatch(/Stacks: 1 stack added: `staging-us-west-2-alerts`\./);
  });
});
