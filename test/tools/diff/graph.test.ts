import { describe, expect, it } from 'vitest';
import { diffTrees } from '../../../tools/diff/diff.js';
import { graphDelta } from '../../../tools/diff/graph-delta.js';
import { renderMarkdown } from '../../../tools/diff/markdown.js';
import { policyDelta } from '../../../tools/diff/policy-delta.js';
import { buildReport } from '../../../tools/diff/report.js';
import type { SynthTree } from '../../../tools/diff/tree.js';
import type { SynthStack } from '../../../tools/synth/output.js';
import { flowchartProblems, mermaidBlocks } from '../reports/mermaid-syntax.js';

const reads = (...producers: string[]) => ({
  terraform_remote_state: Object.fromEntries(
    producers.map((p) => [p, { backend: 's3', config: { bucket: 'tfstate', key: `${p}/terraform.tfstate` } }]),
  ),
});
const use = (...producers: string[]) => Object.fromEntries(producers.map((p) => [p, `\${data.terraform_remote_state.${p}.outputs.id}`]));
const stack = (name: string, resource: Record<string, Record<string, Record<string, unknown>>>, producers: string[] = []): SynthStack => ({
  name,
  json: {
    terraform: { backend: { s3: { bucket: 'tfstate', key: `${name}/terraform.tfstate` } } },
    ...(producers.length > 0 ? { data: reads(...producers) } : {}),
    resource,
  },
});
const NET = 'prod-us-east-1-network';
const CLUSTER = 'prod-us-east-1-cluster';
const DB = 'prod-us-east-1-database';
const INGRESS = 'prod-us-east-1-ingress';
const AUDIT = 'prod-global-audit';
const base: SynthTree = {
  stacks: [
    stack(NET, { aws_vpc: { v: { cidr_block: '10.0.0.0/16' } } }),
    stack(CLUSTER, { aws_eks_cluster: { c: { name: 'c', ...use(NET) } } }, [NET]),
    stack(DB, { aws_db_instance: { d: { identifier: 'd', instance_class: 'db.r7g.large', ...use(NET, CLUSTER) } } }, [NET, CLUSTER]),
    stack(INGRESS, { aws_lb: { l: { name: 'l', ...use(CLUSTER) } } }, [CLUSTER]),
    stack(AUDIT, { aws_cloudtrail: { t: { name: 't' } } }),
  ],
  clusters: [],
};
const head: SynthTree = {
  ...base,
  stacks: base.stacks.map((s) =>
    s.name === DB
      ? stack(DB, { aws_db_instance: { d: { identifier: 'd', instance_class: 'db.r7g.xlarge', ...use(NET, CLUSTER) } } }, [NET, CLUSTER])
      : s,
  ),
};

describe('changed stacks in the dependency graph', () => {
  const diff = diffTrees(base, head);

  it('marks the changed stack and brings in its neighbours, not unrelated stacks', () => {
    expect(graphDelta(base, head, diff).nodes).toEqual([
      { stack: CLUSTER, status: 'context' },
      { stack: DB, status: 'changed' },
      { stack: NET, status: 'context' },
    ]);
  });

  it('marks a dropped reference and the stacks a removed stack fed', () => {
    const dropped: SynthTree = { ...base, stacks: base.stacks.filter((s) => s.name !== INGRESS) };
    const g = graphDelta(base, dropped, diffTrees(base, dropped));
    expect(g.nodes).toEqual([
      { stack: CLUSTER, status: 'context' },
      { stack: INGRESS, status: 'removed' },
    ]);
    expect(g.edges).toEqual([{ from: CLUSTER, to: INGRESS, outputs: ['id'], removed: true }]);
  });

  it('draws them in the PR comment as a valid Mermaid flowchart, changed stacks styled', () => {
    const markdown = renderMarkdown(
      buildReport({
        base: { ref: 'main', sha: 'e'.repeat(40) },
        diff,
        policy: policyDelta([], []),
        cost: { available: false, reason: '-' },
        graph: graphDelta(base, head, diff),
        allowDestroy: false,
      }),
    );
    const [block] = mermaidBlocks(markdown);
    expect(markdown).toMatch(/### Stack graph\n\n1 stack changed/);
    expect(flowchartProblems(block ?? '')).toEqual([]);
    expect(block?.split('\n').filter((l) => l.includes('-->'))).toEqual([
      '  n_prod_us_east_1_cluster -->|"1 output"| n_prod_us_east_1_database',
      '  n_prod_us_east_1_network -->|"1 output"| n_prod_us_east_1_database',
    ]);
    expect(block).toContain('  class n_prod_us_east_1_database changed');
    expect(block).not.toContain(AUDIT.replace(/-/g, '_'));
    const again = renderMarkdown(
      buildReport({
        base: { ref: 'main', sha: 'e'.repeat(40) },
        diff,
        policy: policyDelta([], []),
        cost: { available: false, reason: '-' },
        graph: graphDelta({ ...base, stacks: [...base.stacks].reverse() }, head, diff),
        allowDestroy: false,
      }),
    );
    expect(again).toBe(markdown);
  });
});
