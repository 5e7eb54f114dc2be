import { stackEdge, stackNode } from '../reports/stack-graph.js';
import { flowchart, mermaidBlock } from '../reports/mermaid.js';
import type { CostDelta } from './cost-delta.js';
import type { GraphDelta } from './graph-delta.js';
import { code, details, htmlCode, plural } from './markdown-text.js';
import type { Levels } from './markdown-sections.js';
import { blockingItems, type DiffReport } from './report.js';

const quote = (lines: readonly string[]) => lines.map((l) => (l === '' ? '>' : `> ${l}`)).join('\n');

/**
 * Everything that needs `--allow-destroy`, every item named at every level:
 * one line each, else one line per stack.
 */
export function blockingLevels(r: DiffReport): Levels {
  const { resources, stacks } = blockingItems(r.diff);
  if (resources.length + stacks.length === 0) return [''];
  const verdict = r.blocked
    ? '**Blocked**: this PR destroys, replaces or orphans stateful resources. If that is intended, add the `allow-destroy` label.'
    : 'Destructive changes allowed by the `allow-destroy` label.';
  const full = [
    ...resources.map(
      (c) => `- ${c.action} ${code(c.address)} in ${code(c.stack)}${c.renamed ? ` (construct id changed? ${code(c.renamed)})` : ''}`,
    ),
    ...stacks.map(
      (s) =>
        `- stack ${code(s.stack)} removed, orphaning stateful ${s.resources
          .filter((x) => x.stateful)
          .map((x) => code(x.address))
          .join(', ')}`,
    ),
  ];
  const byStack = new Map<string, string[]>();
  for (const c of resources) byStack.set(c.stack, [...(byStack.get(c.stack) ?? []), `${c.action} ${c.address}`]);
  for (const s of stacks)
    byStack.set(s.stack, [
      ...(byStack.get(s.stack) ?? []),
      `stack removed, orphaning ${s.resources
        .filter((x) => x.stateful)
        .map((x) => x.address)
        .join(', ')}`,
    ]);
  const compact = [...byStack].map(([stack, items]) => `- ${code(stack)}: ${items.join('; ')}`);
  return [quote(['[!CAUTION]', verdict, '', ...full]), quote(['[!CAUTION]', verdict, '', ...compact])];
}

/** The INCOMPLETE cost warning at the top of the comment, naming each resource the working tree cannot price. */
export function incompleteCostLevels(c: CostDelta): Levels {
  if (!c.available || c.gaps.length === 0) return [''];
  const intro = `**Cost delta INCOMPLETE**: ${plural(c.gaps.length, 'resource')} cannot be priced with the pricing snapshot (${c.pricingDate}) on one side; they are left out of both totals, so no figure below is a saving. Add the missing prices to \`tools/cost/pricing/\`.`;
  const other = (g: (typeof c.gaps)[number]) =>
    g.pricedMonthly === undefined
      ? 'new in the working tree'
      : `${g.unpricedIn === 'head' ? 'base' : 'working tree'}: ${c.currency} ${g.pricedMonthly.toFixed(2)}/month`;
  const line = (g: (typeof c.gaps)[number]) =>
    `- ${code(g.address)} in ${code(g.stack)}${g.unpricedIn === 'base' ? ' (the base cannot price it)' : ''}: ${g.reason} (${other(g)})`;
  const byStack = new Map<string, string[]>();
  for (const g of c.gaps) byStack.set(g.stack, [...(byStack.get(g.stack) ?? []), g.address]);
  return [
    quote(['[!WARNING]', intro, '', ...c.gaps.map(line)]),
    quote(['[!WARNING]', intro, '', ...[...byStack].map(([stack, addresses]) => `- ${code(stack)}: ${addresses.join(', ')}`)]),
  ];
}

/** Removed stacks: their own category, since `cdktf deploy` leaves them running. */
export function removedStackLevels(r: DiffReport): Levels {
  const removed = r.diff.removedStacks;
  if (removed.length === 0) return [''];
  const title = `### Stacks removed: \`cdktf deploy\` will not destroy them`;
  const text =
    `${plural(removed.length, 'stack')} of the base ${removed.length === 1 ? 'is' : 'are'} no longer synthesized. Deploying the working tree does not touch ${removed.length === 1 ? 'it' : 'them'}: ` +
    'the state stays in S3 and the resources keep running (and costing), orphaned. To remove them, run `cdktf destroy <stack>` from the base revision before merging, ' +
    'or move the resources to another stack (`terraform state mv`, `import`) to keep them.';
  const rows = removed.map((s) => `| ${code(s.stack)} | ${s.resources.length} | ${s.resources.filter((x) => x.stateful).length || ''} |`);
  const table = ['| Stack | Resources | Stateful |', '|---|---:|---:|', ...rows].join('\n');
  const lists = removed.map((s) =>
    details(
      `${htmlCode(s.stack)}: ${plural(s.resources.length, 'resource')}`,
      s.resources.map((x) => `- ${code(x.address)}${x.stateful ? ' ⛔ stateful' : ''}`).join('\n'),
    ),
  );
  return [
    [title, text, table, ...lists].join('\n\n'),
    [title, text, table].join('\n\n'),
    [title, text, removed.map((s) => code(s.stack)).join(', ')].join('\n\n'),
  ];
}

const STYLES: Readonly<Record<string, string>> = {
  blocked: 'fill:#f8d7da,stroke:#842029,stroke-width:2px',
  removed: 'fill:#e2e3e5,stroke:#41464b,stroke-dasharray:4 2',
  added: 'fill:#d1e7dd,stroke:#0f5132',
  changed: 'fill:#fff3cd,stroke:#997404',
};

function graphChart(g: GraphDelta, withContext: boolean): string {
  const nodes = g.nodes.filter((n) => withContext || n.status !== 'context');
  const shown = new Set(nodes.map((n) => n.stack));
  const edges = g.edges.filter((e) => shown.has(e.from) && shown.has(e.to)).map((e) => stackEdge(e, e.removed));
  return mermaidBlock(
    flowchart(
      nodes.map((n) => stackNode(n.stack, n.status === 'context' ? undefined : n.status)),
      edges,
      STYLES,
    ),
  );
}

/** The changed stacks in the dependency graph (Mermaid), with or without their neighbours. */
export function graphLevels(g: GraphDelta | undefined): Levels {
  if (!g || g.nodes.length === 0) return [''];
  const changed = g.nodes.filter((n) => n.status !== 'context').length;
  const title = '### Stack graph';
  const legend = `${plural(changed, 'stack')} changed: 🟥 blocking, ⬜ removed, 🟩 added, 🟨 changed; arrows from the stack whose outputs are read to the reader, dotted where a reference goes away.`;
  return [
    [title, legend, graphChart(g, true)].join('\n\n'),
    [title, `${legend} Unchanged neighbours left out.`, graphChart(g, false)].join('\n\n'),
    [title, `${legend} (graph left out to fit the comment: see dist/reports/stack-graph.md)`].join('\n\n'),
  ];
}
