import type { Estimate } from './estimate.js';

const usd = (n: number) => `$${n.toFixed(2).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`;
const pct = (part: number, whole: number) => (whole > 0 ? `${((part / whole) * 100).toFixed(1)}%` : '0%');

export interface BudgetLine {
  readonly environment: string;
  readonly monthlyBudgetUsd: number;
}

/** The estimate as the text `npm run cost` prints. */
export function formatEstimate(estimate: Estimate, budgets: readonly BudgetLine[] = []): string {
  const out: string[] = [`Monthly cost estimate (pricing snapshot ${estimate.pricingDate}, USD)`, ''];
  for (const stack of estimate.stacks.filter((s) => s.lines.length > 0)) {
    out.push(`${stack.name.padEnd(40)} ${usd(stack.monthlyUsd).padStart(12)}`);
    for (const line of stack.lines.filter((l) => l.monthlyUsd > 0).sort((a, b) => b.monthlyUsd - a.monthlyUsd)) {
      out.push(`  ${line.address.slice(0, 60).padEnd(60)} ${usd(line.monthlyUsd).padStart(11)}  ${line.detail}`);
    }
  }
  out.push('', 'Per environment:');
  for (const env of estimate.environments) {
    const saved = env.savings.spot + env.savings.graviton + env.savings.rightSizing;
    const budget = budgets.find((b) => b.environment === env.environment);
    out.push(
      `  ${env.environment.padEnd(10)} ${usd(env.monthlyUsd).padStart(12)}` +
        `  vs all-on-demand x86 ${usd(env.baselineUsd)}: saves ${usd(saved)} (${pct(saved, env.baselineUsd)};` +
        ` spot ${usd(env.savings.spot)}, Graviton ${usd(env.savings.graviton)}, right-sizing ${usd(env.savings.rightSizing)})` +
        (budget ? `  budget ${usd(budget.monthlyBudgetUsd)} (${pct(env.monthlyUsd, budget.monthlyBudgetUsd)} used)` : ''),
    );
  }
  const saved = estimate.baselineUsd - estimate.monthlyUsd;
  out.push(
    `  ${'total'.padEnd(10)} ${usd(estimate.monthlyUsd).padStart(12)}  vs ${usd(estimate.baselineUsd)}: saves ${usd(saved)} (${pct(saved, estimate.baselineUsd)})`,
  );
  if (estimate.unpriced.length > 0) {
    out.push('', `Unpriced (${estimate.unpriced.length} resources, not included in the totals):`);
    const byReason = new Map<string, string[]>();
    for (const u of estimate.unpriced) byReason.set(`${u.type}: ${u.reason}`, [...(byReason.get(`${u.type}: ${u.reason}`) ?? []), u.stack]);
    for (const [reason, stacks] of [...byReason].sort(([a], [b]) => a.localeCompare(b))) {
      out.push(`  ${reason} (${stacks.length} in ${[...new Set(stacks)].length} stacks)`);
    }
  }
  return out.join('\n');
}
