import { estimateStacks, type StackInput } from '../cost/estimate.js';
import { latestPricing, type Pricing } from '../cost/pricing.js';
import type { SynthTree } from './tree.js';

/** Monthly cost of both revisions (the working tree's estimator on both), or why it could not be estimated. */
export type CostDelta =
  | { readonly available: false; readonly reason: string }
  | {
      readonly available: true;
      readonly currency: string;
      readonly pricingDate: string;
      readonly baseMonthly: number;
      readonly headMonthly: number;
      /** Per stack, only where the figure changed. */
      readonly stacks: readonly { readonly stack: string; readonly baseMonthly: number; readonly headMonthly: number }[];
      /** Resources of the working tree the estimator could not price (not counted as zero). */
      readonly unpriced: number;
    };

const round = (n: number) => Math.round(n * 100) / 100;

/** cdktf writes every output as `{ value, ... }`. */
const inputsOf = (tree: SynthTree): StackInput[] =>
  tree.stacks.map((s) => ({ name: s.name, json: { resource: s.json.resource, output: s.json.output as StackInput['json']['output'] } }));

/**
 * The working tree's cost estimator (tools/cost/estimate.ts) over both revisions,
 * with its newest pricing snapshot; never a guessed figure.
 * @param pricing @default latestPricing
 */
export function costDelta(base: SynthTree, head: SynthTree, pricing: () => Pricing = latestPricing): CostDelta {
  let snapshot: Pricing;
  try {
    snapshot = pricing();
  } catch (error) {
    return { available: false, reason: `no pricing snapshot (${error instanceof Error ? error.message : String(error)})` };
  }
  const before = estimateStacks(inputsOf(base), snapshot);
  const after = estimateStacks(inputsOf(head), snapshot);
  const baseByStack = new Map(before.stacks.map((s) => [s.name, s.monthlyUsd]));
  const headByStack = new Map(after.stacks.map((s) => [s.name, s.monthlyUsd]));
  const stacks = [...new Set([...baseByStack.keys(), ...headByStack.keys()])]
    .sort()
    .map((stack) => ({ stack, baseMonthly: baseByStack.get(stack) ?? 0, headMonthly: headByStack.get(stack) ?? 0 }))
    .filter((s) => round(s.headMonthly - s.baseMonthly) !== 0);
  return {
    available: true,
    currency: snapshot.currency,
    pricingDate: snapshot.date,
    baseMonthly: before.monthlyUsd,
    headMonthly: after.monthlyUsd,
    stacks,
    unpriced: after.unpriced.length,
  };
}
