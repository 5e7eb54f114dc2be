import type { PlatformConfig } from '../../config/schema/platform.js';
import { estimateStacks, type Estimate, type StackInput } from '../cost/estimate.js';
import { latestPricing, type Pricing } from '../cost/pricing.js';
import type { SynthOutput, SynthStack } from '../synth/output.js';
import { mermaidBlock, pieChart } from './mermaid.js';
import { capacityShares } from './team-shares.js';
import { type Json, obj } from '../../policies/json.js';

const round = (n: number) => Math.round(n * 100) / 100;
const usd = (n: number) => `$${n.toFixed(2).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`;

/** Tag key that names the owning team (config/derive/tags.ts). */
const TEAM_TAG = 'Team';
const UNTAGGED = '(no Team tag)';

/** The `default_tags` of each AWS provider of a stack, by reference (`aws`, `aws.<alias>`). */
function defaultTeams(stack: SynthStack): Map<string, string> {
  const teams = new Map<string, string>();
  for (const provider of stack.json.provider?.aws ?? []) {
    const tags = (provider.default_tags as { tags?: Json }[] | undefined)?.[0]?.tags ?? {};
    const ref = typeof provider.alias === 'string' ? `aws.${provider.alias}` : 'aws';
    if (typeof tags[TEAM_TAG] === 'string') teams.set(ref, tags[TEAM_TAG]);
  }
  return teams;
}

/** The team a cost line belongs to, as Billing groups it: the resource's own Team tag, else its provider's default. */
function teamOf(stack: SynthStack, address: string, defaults: Map<string, string>): string {
  const dot = address.indexOf('.');
  const body = address.startsWith('output.') ? {} : obj(stack.json.resource?.[address.slice(0, dot)]?.[address.slice(dot + 1)]);
  const own = obj(body.tags)[TEAM_TAG];
  if (typeof own === 'string') return own;
  const provider = typeof body.provider === 'string' ? body.provider : 'aws';
  return defaults.get(provider) ?? defaults.get('aws') ?? UNTAGGED;
}

/**
 * Lines that buy shared worker capacity (Karpenter's baseline, a managed
 * workload node group): every team's pods run on them, so they are split by
 * each team's share of the requested CPU instead of the Team tag (platform).
 */
function isSharedCapacity(line: { address: string; type: string }): boolean {
  if (line.address.startsWith('output.karpenter_')) return true;
  return line.type === 'aws_eks_node_group' && !line.address.includes('node-group-system');
}

export interface CostBreakdown {
  readonly estimate: Estimate;
  /** Monthly USD per environment and team, sorted. */
  readonly cells: readonly { readonly environment: string; readonly team: string; readonly monthlyUsd: number }[];
}

/** The estimate (tools/cost/estimate.ts) of a synth, split per environment and per team. */
export function costBreakdown(
  stacks: readonly SynthStack[],
  pricing: Pricing,
  shares: (environment: string) => ReadonlyMap<string, number> | undefined = () => undefined,
): CostBreakdown {
  const estimate = estimateStacks(
    stacks.map((s): StackInput => ({
      name: s.name,
      json: { resource: s.json.resource, output: s.json.output as StackInput['json']['output'] },
    })),
    pricing,
  );
  const byName = new Map(stacks.map((s) => [s.name, s]));
  const cells = new Map<string, { environment: string; team: string; monthlyUsd: number }>();
  for (const s of estimate.stacks) {
    const stack = byName.get(s.name);
    if (!stack) continue;
    const defaults = defaultTeams(stack);
    const add = (team: string, monthlyUsd: number) => {
      const key = `${s.environment}\u0000${team}`;
      const cell = cells.get(key) ?? { environment: s.environment, team, monthlyUsd: 0 };
      cells.set(key, { ...cell, monthlyUsd: cell.monthlyUsd + monthlyUsd });
    };
    const split = shares(s.environment);
    for (const line of s.lines) {
      if (split && isSharedCapacity(line)) for (const [team, share] of split) add(team, line.monthlyUsd * share);
      else add(teamOf(stack, line.address, defaults), line.monthlyUsd);
    }
  }
  return {
    estimate,
    cells: [...cells.values()]
      .map((c) => ({ ...c, monthlyUsd: round(c.monthlyUsd) }))
      .sort((a, b) => a.environment.localeCompare(b.environment) || a.team.localeCompare(b.team)),
  };
}

const total = (cells: CostBreakdown['cells'], pick: (c: CostBreakdown['cells'][number]) => boolean) =>
  round(cells.filter(pick).reduce((n, c) => n + c.monthlyUsd, 0));

/**
 * `dist/reports/cost-breakdown.md`: the monthly estimate per environment
 * (against its budget) and per team (the Team tag, as Cost Explorer groups it),
 * as Mermaid pie charts and a table; what cannot be priced is counted, never zero.
 * @param pricing @default latestPricing
 */
export function costBreakdownReport(output: SynthOutput, config: PlatformConfig, pricing: () => Pricing = latestPricing): string {
  const label = config.tagTaxonomy.find((t) => t.key === TEAM_TAG)?.label ?? TEAM_TAG;
  const shares = (environment: string) => {
    const states = (output.states ?? []).filter((s) => s.envName === environment);
    return states.length > 0 ? capacityShares(states, label, config.environments[environment]?.owner.team ?? UNTAGGED) : undefined;
  };
  const { estimate, cells } = costBreakdown(output.stacks, pricing(), shares);
  const envs = [...new Set(cells.map((c) => c.environment))].sort();
  const teams = [...new Set(cells.map((c) => c.team))].sort();
  const budget = (env: string) => config.cost.environments[env]?.monthlyBudgetUsd;
  const envRows = envs.map((env) => {
    const b = budget(env);
    return `| ${env} | ${usd(total(cells, (c) => c.environment === env))} | ${b === undefined ? '-' : usd(b)} |`;
  });
  const matrix = [
    `| Team | ${envs.join(' | ')} | Total |`,
    `| --- | ${envs.map(() => '---:').join(' | ')} | ---: |`,
    ...teams.map(
      (team) =>
        `| ${team} | ${envs.map((env) => usd(total(cells, (c) => c.team === team && c.environment === env))).join(' | ')} | ${usd(total(cells, (c) => c.team === team))} |`,
    ),
  ];
  return [
    '# Cost breakdown',
    '',
    `Generated by \`npm run synth\` (DO NOT EDIT): the monthly estimate of \`npm run cost\` (pricing snapshot ${estimate.pricingDate}, USD),`,
    `per environment and per team: each resource's \`${TEAM_TAG}\` tag (else its provider's default tags), except shared worker`,
    `capacity (Karpenter's baseline, managed workload node groups), split by each team's share of the CPU its workloads request`,
    `at steady state in that environment's clusters (namespaces labelled \`${label}\`; the rest is the environment owner's).`,
    `Total ${usd(estimate.monthlyUsd)} per month; ${estimate.unpriced.length} usage-based or unpriced resources are not included.`,
    '',
    '## Per environment',
    '',
    mermaidBlock(
      pieChart(
        'Monthly cost per environment (USD)',
        envs.map((env) => ({ label: env, value: total(cells, (c) => c.environment === env) })),
      ),
    ),
    '',
    '| Environment | Estimate / month | Budget / month |',
    '| --- | ---: | ---: |',
    ...envRows,
    '',
    '## Per team',
    '',
    mermaidBlock(
      pieChart(
        'Monthly cost per team (USD)',
        teams.map((team) => ({ label: team, value: total(cells, (c) => c.team === team) })),
      ),
    ),
    '',
    ...matrix,
    '',
  ].join('\n');
}
