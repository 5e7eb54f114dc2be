import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { BUDGET_CHECK, budgetFindings } from '../../../tools/cost/budget-check.js';
import { OUTPUT_CHECKS } from '../../../tools/synth/checks.js';
import type { SynthStack } from '../../../tools/synth/output.js';
import { configWith, platformConfig } from '../../support/platform.js';

/** Two on-demand m7i.2xlarge nodes: 2 x 0.4032 x 730 h plus disk, about 590 USD a month. */
const cluster = (env: string): SynthStack => ({
  name: `${env}-us-east-1-cluster`,
  json: {
    resource: {
      aws_eks_node_group: { system: { instance_types: ['m7i.2xlarge'], capacity_type: 'ON_DEMAND', scaling_config: { desired_size: 2 } } },
    },
  },
});

const withBudget = (env: string, usd: number) =>
  configWith((c) => {
    const settings = c.cost.environments[env];
    if (settings) Object.assign(settings, { monthlyBudgetUsd: usd, allocationBudgets: [] });
  });

describe('budget covers the estimate', () => {
  test('runs on every synth', () => {
    expect(OUTPUT_CHECKS[BUDGET_CHECK]).toBeDefined();
  });

  test('a production budget below its estimate fails synth, naming the field and the amount to set', () => {
    const [finding, ...rest] = budgetFindings({ stacks: [cluster('prod')] }, withBudget('prod', 100));
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ severity: 'error', check: BUDGET_CHECK, where: 'cost.environments.prod.monthlyBudgetUsd' });
    expect(finding?.message).toMatch(
      /^100 USD is below the 5\d\d\.\d\d USD a month its stacks are estimated to cost .*raise it to at least 5\d\d plus head room$/,
    );
  });

  test('below the estimate elsewhere is a warning', () => {
    expect(budgetFindings({ stacks: [cluster('dev')] }, withBudget('dev', 100)).map((f) => f.severity)).toEqual(['warning']);
  });

  test('docs/cost.md says so', () => {
    const doc = readFileSync(resolve(__dirname, '../../../docs/cost.md'), 'utf8').replace(/\s+/g, ' ');
    expect(doc).toContain(
      `a \`monthlyBudgetUsd\` below its environment's estimate fails synth in a production-tier environment and is a warning elsewhere (check \`${BUDGET_CHECK}\`)`,
    );
    expect(doc).toContain('two teams on one cost centre');
  });

  test('a budget at or above the estimate passes', () => {
    expect(budgetFindings({ stacks: [cluster('prod'), cluster('dev')] }, platformConfig())).toEqual([]);
  });
});
