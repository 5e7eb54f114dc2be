import { stackDependencies, type StackEdge } from '../reports/stack-dependencies.js';
import type { SynthDiff } from './diff.js';
import type { SynthTree } from './tree.js';

export type StackStatus = 'blocked' | 'removed' | 'added' | 'changed' | 'context';

/** The changed stacks in the dependency graph, with their direct neighbours for context. */
export interface GraphDelta {
  /** Sorted by name. */
  readonly nodes: readonly { readonly stack: string; readonly status: StackStatus }[];
  /** References of the working tree, and (`removed`) those only the base has. */
  readonly edges: readonly (StackEdge & { readonly removed: boolean })[];
}

/**
 * Which stacks a PR touches (resources changed, stack added or removed,
 * references added or dropped) placed in the union of both revisions' stack
 * graphs, one hop of unchanged neighbours around them.
 */
export function graphDelta(base: SynthTree, head: SynthTree, diff: SynthDiff): GraphDelta {
  const before = stackDependencies(base.stacks);
  const after = stackDependencies(head.stacks);
  const edgeKey = (e: StackEdge) => `${e.from}\u0000${e.to}`;
  const afterKeys = new Set(after.edges.map(edgeKey));
  const beforeByKey = new Map(before.edges.map((e) => [edgeKey(e), e]));
  const edges = [
    ...after.edges.map((e) => ({ ...e, removed: false })),
    ...before.edges.filter((e) => !afterKeys.has(edgeKey(e))).map((e) => ({ ...e, removed: true })),
  ].sort((a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to));

  const status = new Map<string, StackStatus>();
  const mark = (stack: string, s: StackStatus) => {
    const order: StackStatus[] = ['blocked', 'removed', 'added', 'changed', 'context'];
    const current = status.get(stack);
    if (!current || order.indexOf(s) < order.indexOf(current)) status.set(stack, s);
  };
  for (const r of diff.targets.flatMap((t) => t.resources)) mark(r.stack, r.destructive ? 'blocked' : 'changed');
  for (const s of diff.addedStacks) mark(s, 'added');
  for (const s of diff.removedStacks) mark(s.stack, s.stateful ? 'blocked' : 'removed');
  for (const e of edges) {
    const was = beforeByKey.get(edgeKey(e));
    if (e.removed || !was || JSON.stringify(was.outputs) !== JSON.stringify(e.outputs)) mark(e.to, 'changed');
  }
  const changed = new Set(status.keys());
  for (const e of edges) {
    if (changed.has(e.from)) mark(e.to, 'context');
    if (changed.has(e.to)) mark(e.from, 'context');
  }
  const nodes = [...status].map(([stack, s]) => ({ stack, status: s })).sort((a, b) => a.stack.localeCompare(b.stack));
  // Edges that touch a changed stack; those between two neighbours are not the PR's.
  return { nodes, edges: edges.filter((e) => changed.has(e.from) || changed.has(e.to)) };
}
