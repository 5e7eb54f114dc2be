import { estimateStacks, type Estimate, type StackInput, type UnpricedItem } from '../cost/estimate.js';
import { latestPricing, type Pricing } from '../cost/pricing.js';
import type { SynthTree } from './tree.js';

/**
 * A resource one side prices and the other cannot (an instance class absent
 * from the snapshot, say), or a new resource whose price the snapshot lacks:
 * left out of both totals, and the delta is incomplete.
 */
export interface PriceGap extends UnpricedItem {
  /** The side that cannot price it (`reason` and `cause` are that side's). */
  readonly unpricedIn: 'base' | 'head';
  /** Its monthly figure on the other side; absent for a resource the base did not have. */
  readonly pricedMonthly?: number;
}

export interface StackCost {
  readonly stack: string;
  readonly baseMonthly: number;
  readonly headMonthly: number;
}

/**
 * Monthly cost of both revisions (the working tree's estimator on both), or why
 * it could not be estimated. The totals cover what both sides price: a
 * resource only the base could price is left out of both (and named in
 * `gaps`), a removed stack is left out of the base (its resources keep running).
 */
export type CostDelta =
  | { readonly available: false; readonly reason: string }
  | {
      readonly available: true;
      readonly currency: string;
      readonly pricingDate: string;
      readonly baseMonthly: number;
      readonly headMonthly: number;
      /** Per stack, only where the figure changed. */
      readonly stacks: readonly StackCost[];
      /** What each side cannot price (usage-based or missing from the snapshot), never counted as zero. */
      readonly unpriced: { readonly base: readonly UnpricedItem[]; readonly head: readonly UnpricedItem[] };
      /** Non-empty: the delta is INCOMPLETE; these resources are why. */
      readonly gaps: readonly PriceGap[];
      /** Stacks the working tree drops: nothing destroys them, so their cost goes on. */
      readonly orphaned: readonly { readonly stack: string; readonly baseMonthly: number }[];
    };

const round = (n: number) => Math.round(n * 100) / 100;
const sum = (values: readonly number[]) => round(values.reduce((n, v) => n + v, 0));
const keyOf = (i: { stack: string; address: string }) => `${i.stack} ${i.address}`;

/** cdktf writes every output as `{ value, ... }`. */
const inputsOf = (tree: SynthTree): StackInput[] =>
  tree.stacks.map((s) => ({ name: s.name, json: { resource: s.json.resource, output: s.json.output as StackInput['json']['output'] } }));

function hasResource(tree: SynthTree, stack: string, address: string): boolean {
  const s = tree.stacks.find((t) => t.name === stack);
  if (!s) return false;
  if (address.startsWith('output.')) return s.json.output?.[address.slice('output.'.length)] !== undefined;
  const dot = address.indexOf('.');
  return s.json.resource?.[address.slice(0, dot)]?.[address.slice(dot + 1)] !== undefined;
}

const pricedLines = (e: Estimate) =>
  new Map(e.stacks.flatMap((s) => s.lines.map((l) => [keyOf({ stack: s.name, address: l.address }), l.monthlyUsd] as const)));

/**
 * What one side cannot price that counts: what the other side priced (an
 * upsized instance class absent from the snapshot), or a new resource whose
 * instance type or rate the snapshot lacks. Usage-based resources are unpriced
 * on both sides by design and do not make the delta incomplete.
 */
function priceGaps(base: SynthTree, before: Estimate, after: Estimate): PriceGap[] {
  const basePriced = pricedLines(before);
  const headPriced = pricedLines(after);
  const head = after.unpriced.flatMap((u): PriceGap[] => {
    const pricedMonthly = basePriced.get(keyOf(u));
    if (pricedMonthly !== undefined) return [{ ...u, unpricedIn: 'head', pricedMonthly }];
    return u.cause === 'missing-price' && !hasResource(base, u.stack, u.address) ? [{ ...u, unpricedIn: 'head' }] : [];
  });
  const baseSide = before.unpriced.flatMap((u): PriceGap[] => {
    const pricedMonthly = headPriced.get(keyOf(u));
    return pricedMonthly !== undefined ? [{ ...u, unpricedIn: 'base', pricedMonthly }] : [];
  });
  return [...head, ...baseSide];
}

/**
 * The working tree's cost estimator (tools/cost/estimate.ts) over both revisions,
 * with its newest pricing snapshot; never a guessed figure, never a saving that
 * is only a price the snapshot lacks.
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
  const gaps = priceGaps(base, before, after);
  const excluded = new Set(gaps.map(keyOf));
  const comparable = (e: Estimate['stacks'][number]) =>
    sum(e.lines.filter((l) => !excluded.has(keyOf({ stack: e.name, address: l.address }))).map((l) => l.monthlyUsd));
  const headNames = new Set(head.stacks.map((s) => s.name));
  // Both sides as they compare: without what either side cannot price; the base without the stacks the head drops.
  const baseByStack = new Map(before.stacks.filter((s) => headNames.has(s.name)).map((s) => [s.name, comparable(s)]));
  const headByStack = new Map(after.stacks.map((s) => [s.name, comparable(s)]));
  const stacks = [...new Set([...baseByStack.keys(), ...headByStack.keys()])]
    .sort()
    .map((stack) => ({ stack, baseMonthly: baseByStack.get(stack) ?? 0, headMonthly: headByStack.get(stack) ?? 0 }))
    .filter((s) => round(s.headMonthly - s.baseMonthly) !== 0);
  return {
    available: true,
    currency: snapshot.currency,
    pricingDate: snapshot.date,
    baseMonthly: sum([...baseByStack.values()]),
    headMonthly: sum([...headByStack.values()]),
    stacks,
    unpriced: { base: before.unpriced, head: after.unpriced },
    gaps,
    orphaned: before.stacks.filter((s) => !headNames.has(s.name)).map((s) => ({ stack: s.name, baseMonthly: s.monthlyUsd })),
  };
}
