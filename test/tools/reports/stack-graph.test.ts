import { describe, expect, it } from 'vitest';
import { stackDependencies } from '../../../tools/reports/stack-dependencies.js';
import { stackGraphReport } from '../../../tools/reports/stack-graph.js';
import type { SynthOutput, SynthStack } from '../../../tools/synth/output.js';
import { SYNTH_REPORTS } from '../../../tools/synth/reports.js';
import { platformStacks } from '../../support/platform.js';
import { flowchartProblems, mermaidBlocks } from './mermaid-syntax.js';

const platform = (): SynthOutput => ({ stacks: platformStacks(), clusters: [] });

const remote = (stack: string, bucket = 'tfstate') => ({ backend: 's3', config: { bucket, key: `${stack}/terraform.tfstate` } });
const backend = (stack: string, bucket = 'tfstate') => ({ backend: { s3: { bucket, key: `${stack}/terraform.tfstate` } } });
/** A Terraform reference to an output of a remote-state data source. */
const remoteOutput = (source: string, name: string) => ['$', `{data.terraform_remote_state.${source}.outputs.${name}}`].join('');
const fixture: SynthStack[] = [
  {
    name: 'prod-us-east-1-network',
    json: { terraform: backend('prod-us-east-1-network'), output: { vpc: { value: 'x' }, subnets: { value: [] } } },
  },
  {
    name: 'prod-us-east-1-cluster',
    json: {
      terraform: backend('prod-us-east-1-cluster'),
      data: { terraform_remote_state: { net: remote('prod-us-east-1-network') } },
      resource: { aws_eks_cluster: { c: { vpc_config: { subnet_ids: remoteOutput('net', 'subnets'), vpc: remoteOutput('net', 'vpc') } } } },
    },
  },
  {
    name: 'end',
    json: {
      data: { terraform_remote_state: { c: remote('prod-us-east-1-cluster') } },
      output: { o: { value: remoteOutput('c', 'endpoint') } },
    },
  },
];

describe('stack dependencies', () => {
  it('reads cross-stack references from remote-state data sources, with the outputs read', () => {
    expect(stackDependencies(fixture)).toEqual({
      stacks: ['end', 'prod-us-east-1-cluster', 'prod-us-east-1-network'],
      edges: [
        { from: 'prod-us-east-1-cluster', to: 'end', outputs: ['endpoint'] },
        { from: 'prod-us-east-1-network', to: 'prod-us-east-1-cluster', outputs: ['subnets', 'vpc'] },
      ],
    });
  });

  it('finds the platform: each cluster reads its network, each database its clusters', () => {
    const { edges } = stackDependencies(platform().stacks);
    const pairs = edges.map((e) => `${e.from} -> ${e.to}`);
    expect(pairs).toContain('prod-us-east-1-network -> prod-us-east-1-cluster');
    expect(pairs).toContain('prod-us-west-2-cluster -> prod-us-east-1-database');
    expect(edges.every((e) => e.outputs.length > 0)).toBe(true);
  });
});

describe('stack graph report', () => {
  it('is registered as dist/reports/stack-graph.md', () => {
    expect(SYNTH_REPORTS['stack-graph.md']).toBe(stackGraphReport);
  });

  it('draws one valid flowchart per environment, every reference an edge', () => {
    const output = platform();
    const report = stackGraphReport(output);
    const blocks = mermaidBlocks(report);
    expect(report.match(/^## (dev|prod|staging)$/gm)).toEqual(['## dev', '## prod', '## staging']);
    expect(blocks).toHaveLength(3);
    for (const block of blocks) expect(flowchartProblems(block)).toEqual([]);
    const edgeLines = blocks.flatMap((b) => b.split('\n').filter((l) => l.includes('-->')));
    expect(edgeLines).toHaveLength(stackDependencies(output.stacks).edges.length);
    expect(blocks[1]).toContain('n_prod_us_east_1_network -->|"');
    expect(blocks[1]).toMatch(/subgraph n_group_prod_us_west_2\["us-west-2"\]\n\s+n_prod_us_west_2_ci_tunnel\["ci-tunnel"\]/);
  });

  it('is deterministic, whatever order the stacks come in', () => {
    const output = platform();
    expect(stackGraphReport({ ...output, stacks: [...output.stacks].reverse() })).toBe(stackGraphReport(output));
  });

  it('gives a node a safe id whatever its name', () => {
    const blocks = mermaidBlocks(stackGraphReport({ stacks: fixture, clusters: [] }));
    expect(blocks.join('\n')).toContain('n_end["end"]');
    for (const block of blocks) expect(flowchartProblems(block)).toEqual([]);
  });
});

describe('the flowchart check itself', () => {
  it('rejects an undeclared node, an unclosed subgraph and a stray line', () => {
    expect(flowchartProblems(['flowchart LR', '  subgraph n_g["g"]', '  n_a["a"]', '  n_a --> n_b', '  a -> b'].join('\n'))).toEqual([
      'edge to undeclared node n_b',
      "unexpected line '  a -> b'",
      '1 subgraph(s) not closed',
    ]);
  });
});
