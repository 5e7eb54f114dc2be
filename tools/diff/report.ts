import type { CostDelta } from './cost-delta.js';
import type { SynthDiff } from './diff.js';
import type { PolicyDelta } from './policy-delta.js';

/** Everything the PR comment and the JSON artifact say about one diff. */
export interface DiffReport {
  readonly base: { readonly ref: string; readonly sha: string };
  readonly diff: SynthDiff;
  readonly policy: PolicyDelta;
  readonly cost: CostDelta;
  readonly allowDestroy: boolean;
  /** Destructive changes without the allow flag: the command exits non-zero. */
  readonly blocked: boolean;
}

export function buildReport(input: Omit<DiffReport, 'blocked'>): DiffReport {
  return { ...input, blocked: input.diff.destructive.length > 0 && !input.allowDestroy };
}

/** 1 when blocked (stateful resources destroyed or replaced without --allow-destroy), else 0. */
export const exitCodeOf = (report: DiffReport): number => (report.blocked ? 1 : 0);
