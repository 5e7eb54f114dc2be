import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SynthStack } from '../../../tools/synth/output.js';
import { costDelta } from '../../../tools/diff/cost-delta.js';
import { diffTrees, stackTarget, type ResourceChange, type SynthDiff } from '../../../tools/diff/diff.js';
import { renderMarkdown, STICKY_MARKER } from '../../../tools/diff/markdown.js';
import { policyDelta } from '../../../tools/diff/policy-delta.js';
import { buildReport, exitCodeOf } from '../../../tools/diff/report.js';
import { readSynthTree, type SynthTree } from '../../../tools/diff/tree.js';

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'diff');
const layout = { terraformDir: 'terraform', manifestsDir: 'manifests' };
const base = readSynthTree(join(FIXTURES, 'base'), layout);
const head = readSynthTree(join(FIXTURES, 'head'), layout);
const diff = diffTrees(base, head);
const resources = diff.targets.flatMap((t) => t.resources);
const objects = diff.targets.flatMap((t) => t.objects);
const resource = (address: string): ResourceChange | undefined => resources.find((r) => r.address === address);

const report = (d: SynthDiff, allowDestroy: boolean) =>
  buildReport({
    base: { ref: 'origin/main', sha: '0123456789abcdef0123456789abcdef01234567' },
    diff: d,
    policy: policyDelta([], []),
    cost: { available: false, reason: 'the cost estimator is not available' },
    allowDestroy,
  });

describe('synth diff over fixture revisions', () => {
  it('groups changes by environment and region', () => {
    expect(diff.targets.map((t) => `${t.env}/${t.region}`)).toEqual(['dev/us-east-1']);
  });

  it('reports an added resource', () => {
    expect(resource('aws_cloudwatch_log_group.app_logs_2B3C4D5E')).toMatchObject({
      action: 'create',
      stack: 'dev-us-east-1-data',
      destructive: false,
    });
  });

  it('reports a changed attribute in place, with before and after', () => {
    expect(resource('aws_sns_topic.alerts_topic_3A4B5C6D')).toMatchObject({
      action: 'update',
      destructive: false,
      changes: [
        {
          path: 'kms_master_key_id',
          kind: 'CHANGE',
          before: 'alias/aws/sns',
          after: expect.stringContaining('aws_kms_key.data_key_9C0D1E2F.arn'),
          forcesReplacement: false,
        },
      ],
    });
  });

  it('reports a renamed construct id as destroy + create, flagged', () => {
    const removed = resource('aws_s3_bucket.reports_bucket_1A2B3C4D');
    const added = resource('aws_s3_bucket.reports-archive_bucket_7F8E9D0C');
    expect(removed).toMatchObject({ action: 'delete', destructive: true, renamed: 'aws_s3_bucket.reports-archive_bucket_7F8E9D0C' });
    expect(added).toMatchObject({ action: 'create', renamed: 'aws_s3_bucket.reports_bucket_1A2B3C4D' });
    expect(diff.destructive).toContain(removed);
  });

  it('blocks a removed database unless destroy is allowed', () => {
    expect(resource('aws_db_instance.orders_db_5E6F7A8B')).toMatchObject({ action: 'delete', destructive: true });
    expect(diff.destructive.map((r) => r.address)).toEqual(['aws_db_instance.orders_db_5E6F7A8B', 'aws_s3_bucket.reports_bucket_1A2B3C4D']);
    expect(exitCodeOf(report(diff, false))).toBe(1);
    expect(exitCodeOf(report(diff, true))).toBe(0);
    expect(renderMarkdown(report(diff, false))).toMatch(/\*\*Blocked\*\*.*allow-destroy/);
    expect(renderMarkdown(report(diff, true))).toMatch(/allowed by the `allow-destroy` label/);
  });

  it('reports a changed manifest field, and added and removed objects', () => {
    expect(objects.find((o) => o.id === 'apps/Deployment/team-trading/order-gateway')).toMatchObject({
      action: 'update',
      file: 'app.k8s.yaml',
      changes: [
        { path: 'spec.replicas', before: 2, after: 3 },
        // Containers are matched by name, not position.
        {
          path: 'spec.template.spec.containers[name=order-gateway].image',
          before: expect.stringMatching(/:1\.41\.0$/),
          after: expect.stringMatching(/:1\.42\.0$/),
        },
      ],
    });
    expect(objects.filter((o) => o.action !== 'update').map((o) => `${o.action} ${o.id}`)).toEqual([
      'delete core/ConfigMap/team-trading/order-gateway-settings',
      'create core/Service/team-trading/order-gateway',
    ]);
  });

  it('ignores cdktf metadata and unchanged resources', () => {
    expect(resource('aws_kms_key.data_key_9C0D1E2F')).toBeUndefined();
    expect(resources.map((r) => r.address)).not.toContain('provider.aws');
  });
});

describe('replacement prediction', () => {
  const stack = (db: Record<string, unknown>): SynthStack => ({
    name: 'prod-us-east-1-data',
    json: { resource: { aws_db_instance: { db } } },
  });
  const tree = (db: Record<string, unknown>): SynthTree => ({ stacks: [stack(db)], clusters: [] });
  const before = { identifier: 'orders', instance_class: 'db.r7g.large', storage_encrypted: false };

  it('predicts a replacement from a force-new attribute and flags it on a stateful type', () => {
    const d = diffTrees(tree(before), tree({ ...before, storage_encrypted: true }));
    expect(d.destructive).toEqual([
      expect.objectContaining({
        action: 'replace',
        changes: [expect.objectContaining({ path: 'storage_encrypted', forcesReplacement: true })],
      }),
    ]);
  });

  it('predicts an in-place update otherwise', () => {
    const d = diffTrees(tree(before), tree({ ...before, instance_class: 'db.r7g.xlarge' }));
    expect(d.targets[0]?.resources).toEqual([expect.objectContaining({ action: 'update', destructive: false })]);
  });

  it('matches force-new attributes inside blocks and flags a moved state key', () => {
    const eks = (keyArn: string, stateKey: string): SynthTree => ({
      stacks: [
        {
          name: 'prod-us-east-1-cluster',
          json: {
            terraform: { backend: { s3: { key: stateKey } } },
            resource: { aws_eks_cluster: { c: { encryption_config: { provider: { key_arn: keyArn }, resources: ['secrets'] } } } },
          },
        },
      ],
      clusters: [],
    });
    const d = diffTrees(eks('arn:1', 'a/terraform.tfstate'), eks('arn:2', 'b/terraform.tfstate'));
    expect(d.destructive.map((r) => `${r.action} ${r.address}`)).toEqual(['replace aws_eks_cluster.c', 'update terraform.backend']);
  });

  it('does not flag a backend setting that keeps the state where it is', () => {
    const stack = (lockfile: boolean): SynthTree => ({
      stacks: [{ name: 'dev-us-east-1-network', json: { terraform: { backend: { s3: { key: 'k', use_lockfile: lockfile } } } } }],
      clusters: [],
    });
    const d = diffTrees(stack(false), stack(true));
    expect(d.targets[0]?.resources).toEqual([
      expect.objectContaining({ address: 'terraform.backend', action: 'update', destructive: false }),
    ]);
  });

  it('reads environment and region off stack names', () => {
    expect(stackTarget('prod-us-west-2-cluster')).toEqual({ env: 'prod', region: 'us-west-2' });
    expect(stackTarget('staging-global-state')).toEqual({ env: 'staging', region: 'global' });
  });
});

describe('cost delta', () => {
  it("prices both revisions with the cost engineer's estimator and its newest snapshot", () => {
    const cost = costDelta(base, head);
    if (!cost.available) throw new Error(cost.reason);
    // The removed database was the fixture's only priced capacity.
    expect(cost.headMonthly).toBeLessThan(cost.baseMonthly);
    expect(cost.stacks).toEqual([{ stack: 'dev-us-east-1-data', baseMonthly: cost.baseMonthly, headMonthly: cost.headMonthly }]);
    expect(renderMarkdown({ ...report(diff, false), cost })).toMatch(
      /Estimated monthly cost \(pricing of \d{4}-\d{2}-\d{2}\): USD \d+\.\d\d -> USD \d+\.\d\d \(-USD/,
    );
  });

  it('says the cost is unavailable rather than inventing a figure', () => {
    const missing = () => {
      throw new Error('no pricing snapshot in tools/cost/pricing');
    };
    expect(costDelta(base, head, missing)).toEqual({
      available: false,
      reason: 'no pricing snapshot (no pricing snapshot in tools/cost/pricing)',
    });
  });
});

describe('PR comment', () => {
  it('says so when nothing changes, and does not block', () => {
    const same = diffTrees(base, base);
    expect(same.targets).toEqual([]);
    expect(exitCodeOf(report(same, false))).toBe(0);
    expect(renderMarkdown(report(same, false))).toMatch(/No change: the working tree synthesizes the same/);
  });

  it('carries the sticky marker, collapsible sections and a stable order', () => {
    const markdown = renderMarkdown(report(diff, false));
    expect(markdown.startsWith(STICKY_MARKER)).toBe(true);
    expect(markdown).toMatch(
      /### dev \/ us-east-1\n\n<details><summary><b>Terraform<\/b>: 2 to add, 1 to change, 0 to replace, 2 to destroy<\/summary>/,
    );
    expect(markdown).toMatch(/<details><summary><b>Kubernetes<\/b>: 1 added, 1 changed, 1 removed<\/summary>/);
    expect(markdown).toMatch(/! spec.replicas: 2 -> 3/);
    expect(markdown).toMatch(/Cost delta unavailable: the cost estimator is not available/);
    expect(renderMarkdown(report(diffTrees(base, head), false))).toBe(markdown);
  });

  it('serializes to JSON for the artifact', () => {
    const parsed = JSON.parse(JSON.stringify(report(diff, false)));
    expect(parsed).toMatchObject({
      blocked: true,
      diff: { destructive: [{ address: 'aws_db_instance.orders_db_5E6F7A8B' }, { address: 'aws_s3_bucket.reports_bucket_1A2B3C4D' }] },
    });
  });
});
