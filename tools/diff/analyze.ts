import type { PlatformConfig } from '../../config/schema/platform.js';
import type { ClusterState } from '../../policies/cluster-state/types.js';
import { policyFindings } from '../../policies/engine.js';
import { WAIVER_CHECK } from '../../policies/waiver-check.js';
import type { Finding } from '../synth/output.js';
import { diffChartRenders } from './chart-diff.js';
import type { ChartStates } from './chart-states.js';
import { costDelta } from './cost-delta.js';
import { diffTrees } from './diff.js';
import { graphDelta } from './graph-delta.js';
import { policyDelta } from './policy-delta.js';
import { buildReport, type DiffReport } from './report.js';
import type { SynthTree } from './tree.js';

export interface AnalysisInput {
  readonly base: { readonly ref: string; readonly sha: string; readonly tree: SynthTree };
  readonly head: SynthTree;
  /** The working tree's config: policies judge both sides by it. */
  readonly config: PlatformConfig;
  readonly states: ChartStates;
  readonly allowDestroy: boolean;
  /** headPolicyFindings of `head` with `states.head`, when computed ahead (while the base synthesized). */
  readonly headFindings?: readonly Finding[];
}

/** The working tree's policy findings with its cluster states. */
export const headPolicyFindings = (head: SynthTree, states: readonly ClusterState[], config: PlatformConfig): Finding[] =>
  policyFindings({ ...head, states }, { config });

/**
 * Everything the PR comment says about two synths: resources and objects,
 * removed stacks, the stack graph, Helm renders, policy and cost. Cluster-state
 * policies run only when both sides have states, so that they never read as
 * new findings of the working tree.
 */
export function analyze(input: AnalysisInput): DiffReport {
  const { base, head, config, states } = input;
  const both = states.base !== undefined && states.head !== undefined;
  const diff = diffTrees(base.tree, head);
  // Waivers belong to the working tree: judged against the base they would only read as unused.
  const baseFindings = policyFindings(both ? { ...base.tree, states: states.base } : base.tree, { config }).filter(
    (f) => f.check !== WAIVER_CHECK,
  );
  const headFindings =
    both && states.head ? (input.headFindings ?? headPolicyFindings(head, states.head, config)) : policyFindings(head, { config });
  return buildReport({
    base: { ref: base.ref, sha: base.sha },
    diff,
    policy: policyDelta(baseFindings, headFindings),
    cost: costDelta(base.tree, head),
    charts: diffChartRenders(states),
    graph: graphDelta(base.tree, head, diff),
    allowDestroy: input.allowDestroy,
  });
}
