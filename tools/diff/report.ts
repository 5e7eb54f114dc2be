import type { ChartRenderDiff } from './chart-diff.js';
import type { CostDelta } from './cost-delta.js';
import type { RemovedStack, ResourceChange, SynthDiff } from './diff.js';
import type { GraphDelta } from './graph-delta.js';
import type { PolicyDelta } from './policy-delta.js';

/** Everything the PR comment and the JSON artifact say about one diff. */
export interface DiffReport {
  readonly base: { readonly ref: string; readonly sha: string };
  readonly diff: SynthDiff;
  readonly policy: PolicyDelta;
  readonly cost: CostDelta;
  /** The rendered Helm objects that change, when both sides have cluster states. */
  readonly charts: ChartRenderDiff;
  /** The changed stacks in the stack dependency graph. */
  readonly graph?: GraphDelta;
  readonly allowDestroy: boolean;
  /** Destructive changes without the allow flag: the command exits non-zero. */
  readonly blocked: boolean;
}

export interface ReportInput extends Omit<DiffReport, 'blocked' | 'charts'> {
  /** @default not compared */
  readonly charts?: ChartRenderDiff;
}

/** What needs `--allow-destroy`: stateful resources destroyed or replaced, a moved state, a dropped stack holding stateful resources. */
export function blockingItems(diff: SynthDiff): {
  readonly resources: readonly ResourceChange[];
  readonly stacks: readonly RemovedStack[];
} {
  return { resources: diff.destructive, stacks: diff.removedStacks.filter((s) => s.stateful) };
}

export function buildReport(input: ReportInput): DiffReport {
  const blocking = blockingItems(input.diff);
  const destructive = blocking.resources.length + blocking.stacks.length > 0;
  return {
    ...input,
    charts: input.charts ?? { available: false, reason: 'chart renders were not compared' },
    blocked: destructive && !input.allowDestroy,
  };
}

/** 1 when blocked (stateful resources destroyed or replaced, or orphaned with their stack, without --allow-destroy), else 0. */
export const exitCodeOf = (report: DiffReport): number => (report.blocked ? 1 : 0);
