import type { PlatformConfig } from '../../config/schema/platform.js';
import type { Finding, OutputCheck, SynthStack } from '../synth/output.js';
import { estimateStacks, type StackInput } from './estimate.js';
import { latestPricing, type Pricing } from './pricing.js';

export const BUDGET_CHECK = 'budget-covers-estimate';

/**
 * Every environment's monthly budget covers what its synthesized stacks cost
 * (`npm run cost`, from the pricing snapshot): a budget below the estimate alerts
 * every month until nobody reads it. An error in a production-tier environment, a
 * warning elsewhere (printed by synth, which still writes its output).
 */
export function budgetFindings(
  output: { readonly stacks: readonly SynthStack[] },
  config: PlatformConfig,
  pricing: Pricing = latestPricing(),
): Finding[] {
  const estimate = estimateStacks(
    output.stacks.map((s): StackInput => ({ name: s.name, json: s.json as StackInput['json'] })),
    pricing,
  );
  return Object.keys(config.environments)
    .sort()
    .flatMap((env): Finding[] => {
      const budget = config.cost.environments[env]?.monthlyBudgetUsd;
      const estimated = estimate.environments.find((e) => e.environment === env)?.monthlyUsd;
      if (budget === undefined || estimated === undefined || budget >= estimated) return [];
      const production = config.environments[env]?.tier === 'production';
      return [
        {
          severity: production ? 'error' : 'warning',
          check: BUDGET_CHECK,
          where: `cost.environments.${env}.monthlyBudgetUsd`,
          message:
            `${budget} USD is below the ${estimated.toFixed(2)} USD a month its stacks are estimated to cost (pricing snapshot ${pricing.date}, before usage-based charges); ` +
            `the budget would alert every month: raise it to at least ${Math.ceil(estimated)} plus head room${production ? '' : ' (an error in production-tier environments)'}`,
        },
      ];
    });
}

export const budgetCheck: OutputCheck = (output, config) => budgetFindings(output, config);
