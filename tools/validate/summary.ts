/** The report of `npm run validate`: failures with stack, address and message; skew and skips apart; one counting line. */
import type { Finding, StackOutcome } from './run.js';

export interface Skipped {
  readonly stack: string;
  readonly reason: string;
}

export interface Counts {
  readonly valid: number;
  readonly skew: number;
  readonly skipped: number;
  readonly failed: number;
}

const isFailure = (f: Finding) => f.verdict.kind === 'failure';
const isSkew = (f: Finding) => f.verdict.kind === 'skew';

export function countStacks(outcomes: readonly StackOutcome[], skipped: readonly Skipped[]): Counts {
  const failed = outcomes.filter((o) => o.findings.some(isFailure)).length;
  const skew = outcomes.filter((o) => !o.findings.some(isFailure) && o.findings.some(isSkew)).length;
  return { valid: outcomes.length - failed - skew, skew, skipped: skipped.length, failed };
}

/** 0 when no stack failed; skew and skips do not fail the run. */
export const exitCode = (counts: Counts): number => (counts.failed > 0 ? 1 : 0);

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export function summaryLine(counts: Counts, totalMs: number, detail = ''): string {
  const total = counts.valid + counts.skew + counts.skipped + counts.failed;
  return (
    `validate: ${counts.valid} valid, ${counts.skew} valid with version skew, ${counts.skipped} skipped, ${counts.failed} failed ` +
    `(${total} stacks) in ${seconds(totalMs)}${detail ? ` [${detail}]` : ''}`
  );
}

/** Skew grouped by what the older provider lacks, with the stacks it occurs in. */
export function skewLines(outcomes: readonly StackOutcome[]): string[] {
  const groups = new Map<string, { versions: string; evidence: string; stacks: Set<string>; count: number }>();
  for (const o of outcomes) {
    for (const f of o.findings) {
      if (f.verdict.kind !== 'skew') continue;
      const v = f.verdict;
      const group = groups.get(v.what) ?? {
        versions: `${v.used} < pinned ${v.pinned}`,
        evidence: v.evidence,
        stacks: new Set<string>(),
        count: 0,
      };
      group.stacks.add(o.stack);
      group.count += 1;
      groups.set(v.what, group);
    }
  }
  if (groups.size === 0) return [];
  const sorted = [...groups.entries()].sort(([a], [b]) => a.localeCompare(b));
  const evidence = [...new Set(sorted.map(([, g]) => g.evidence))].join('; ');
  return [
    `version skew (unknown to the mirrored provider, declared by the pinned one per ${evidence}):`,
    ...sorted.map(([what, g]) => `  ${what} (${g.versions}): ${g.count}x in ${[...g.stacks].sort().join(', ')}`),
  ];
}

export function failureLines(outcomes: readonly StackOutcome[]): string[] {
  return outcomes.flatMap((o) =>
    o.findings.filter(isFailure).map((f) => `FAILED ${o.stack} ${f.address}: ${f.summary}${f.detail ? `: ${f.detail}` : ''}`),
  );
}

export function warningLines(outcomes: readonly StackOutcome[]): string[] {
  return outcomes.flatMap((o) =>
    o.findings
      .filter((f) => f.verdict.kind === 'warning')
      .map((f) => `warning ${o.stack} ${f.address}: ${f.summary}${f.detail ? `: ${f.detail}` : ''}`),
  );
}

export const skippedLines = (skipped: readonly Skipped[]): string[] => skipped.map((s) => `skipped ${s.stack}: ${s.reason}`);
