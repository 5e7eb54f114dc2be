import { describe, expect, it } from 'vitest';
import { estimateStacks, type StackInput } from '../../../tools/cost/estimate.js';
import { latestPricing } from '../../../tools/cost/pricing.js';
import { costBreakdown, costBreakdownReport } from '../../../tools/reports/cost-breakdown.js';
import type { SynthOutput, SynthStack } from '../../../tools/synth/output.js';
import { SYNTH_REPORTS } from '../../../tools/synth/reports.js';
import { platformConfig, platformStacks } from '../../support/platform.js';
import { mermaidBlocks } from './mermaid-syntax.js';

const pricing = latestPricing();
const platform = (): SynthOutput => ({ stacks: platformStacks(), clusters: [] });
const provider = (team: string, alias?: string) => ({
  ...(alias ? { alias } : {}),
  default_tags: [{ tags: { Team: team } }],
  region: 'us-east-1',
});
const stacks: SynthStack[] = [
  {
    name: 'prod-us-east-1-network',
    json: {
      provider: { aws: [provider('platform'), provider('networking', 'us-west-2')] },
      resource: { aws_nat_gateway: { a: {}, b: { provider: 'aws.us-west-2' }, c: { tags: { Team: 'risk' } } } },
    },
  },
  { name: 'dev-us-east-1-network', json: { provider: { aws: [provider('platform')] }, resource: { aws_nat_gateway: { a: {} } } } },
];

describe('cost breakdown', () => {
  it('splits the estimate per environment and per team: own Team tag, else the provider default (aliases too)', () => {
    const { cells, estimate } = costBreakdown(stacks, pricing);
    const nat = estimate.stacks.find((s) => s.name === 'dev-us-east-1-network')?.monthlyUsd ?? 0;
    expect(nat).toBeGreaterThan(0);
    expect(cells).toEqual([
      { environment: 'dev', team: 'platform', monthlyUsd: nat },
      { environment: 'prod', team: 'networking', monthlyUsd: nat },
      { environment: 'prod', team: 'platform', monthlyUsd: nat },
      { environment: 'prod', team: 'risk', monthlyUsd: nat },
    ]);
  });

  it('adds up to the estimate of `npm run cost` for the platform', () => {
    const output = platform();
    const { cells } = costBreakdown(output.stacks, pricing);
    const total = cells.reduce((n, c) => n + c.monthlyUsd, 0);
    const inputs = output.stacks.map((s): StackInput => ({
      name: s.name,
      json: { resource: s.json.resource, output: s.json.output as StackInput['json']['output'] },
    }));
    expect(total).toBeGreaterThan(0);
    expect(total).toBeCloseTo(estimateStacks(inputs, pricing).monthlyUsd, 1);
  });

  it('is registered as dist/reports/cost-breakdown.md: pie charts per environment and team, budgets beside', () => {
    expect(SYNTH_REPORTS['cost-breakdown.md']).toBe(costBreakdownReport);
    const config = platformConfig();
    const report = costBreakdownReport(platform(), config);
    const [envPie, teamPie] = mermaidBlocks(report);
    expect(envPie?.split('\n').slice(0, 2)).toEqual(['pie showData', '  title Monthly cost per environment (USD)']);
    expect(
      envPie
        ?.split('\n')
        .slice(2)
        .map((l) => /^ {2}"(dev|prod|staging)" : \d+\.\d\d$/.exec(l)?.[1]),
    ).toEqual(['dev', 'prod', 'staging']);
    expect(teamPie).toMatch(/^pie showData\n {2}title Monthly cost per team \(USD\)\n {2}"platform" : \d+\.\d\d/);
    expect(report).toContain(`| prod | $`);
    expect(report).toMatch(
      new RegExp(
        `\\| prod \\| \\$[\\d,]+\\.\\d\\d \\| \\$${config.cost.environments.prod?.monthlyBudgetUsd.toLocaleString('en-US')}\\.00 \\|`,
      ),
    );
    expect(costBreakdownReport(platform(), config)).toBe(report);
  });
});
