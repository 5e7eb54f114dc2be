/**
 * Mermaid text that GitHub renders in Markdown: flowcharts of stacks and pie
 * charts. Identifiers are derived from names (never positions), labels are
 * quoted, and every list is sorted by the caller, so equal input gives equal text.
 */

/** A node id Mermaid accepts whatever the name (`end`, hyphens): `n_` + the name with other characters as `_`. */
export const mermaidId = (name: string): string => `n_${name.replace(/[^A-Za-z0-9_]/g, '_')}`;

/** A quoted label; Mermaid reads `#quot;` for a double quote. */
export const mermaidLabel = (text: string): string => `"${text.replace(/"/g, '#quot;')}"`;

export interface FlowNode {
  /** Unique name (a stack name). */
  readonly name: string;
  readonly label: string;
  /** Nested subgraphs, outermost first (environment, region). */
  readonly groups: readonly string[];
  /** A class of `classDefs`. */
  readonly cls?: string;
}

export interface FlowEdge {
  readonly from: string;
  readonly to: string;
  readonly label?: string;
  /** Drawn dotted (a reference that goes away). */
  readonly dashed?: boolean;
}

interface Group {
  readonly nodes: FlowNode[];
  readonly children: Map<string, Group>;
}

function groupTree(nodes: readonly FlowNode[]): Group {
  const root: Group = { nodes: [], children: new Map() };
  for (const node of nodes) {
    let g = root;
    for (const name of node.groups) {
      let child = g.children.get(name);
      if (!child) g.children.set(name, (child = { nodes: [], children: new Map() }));
      g = child;
    }
    g.nodes.push(node);
  }
  return root;
}

function groupLines(g: Group, path: readonly string[], indent: string): string[] {
  const lines = [...g.nodes]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((n) => `${indent}${mermaidId(n.name)}[${mermaidLabel(n.label)}]`);
  for (const name of [...g.children.keys()].sort()) {
    const child = g.children.get(name);
    if (!child) continue;
    const inner = [...path, name];
    lines.push(
      `${indent}subgraph ${mermaidId(`group_${inner.join('_')}`)}[${mermaidLabel(name)}]`,
      ...groupLines(child, inner, `${indent}  `),
      `${indent}end`,
    );
  }
  return lines;
}

/** A `flowchart LR` with nodes nested in their groups, edges, and classes. */
export function flowchart(
  nodes: readonly FlowNode[],
  edges: readonly FlowEdge[],
  classDefs: Readonly<Record<string, string>> = {},
): string[] {
  const lines = ['flowchart LR', ...groupLines(groupTree(nodes), [], '  ')];
  for (const e of edges) {
    const arrow = e.dashed ? '-.->' : '-->';
    lines.push(`  ${mermaidId(e.from)} ${arrow}${e.label ? `|${mermaidLabel(e.label)}|` : ''} ${mermaidId(e.to)}`);
  }
  const used = new Set(nodes.flatMap((n) => (n.cls ? [n.cls] : [])));
  for (const cls of Object.keys(classDefs).sort()) {
    if (!used.has(cls)) continue;
    lines.push(`  classDef ${cls} ${classDefs[cls] ?? ''}`);
    lines.push(
      `  class ${nodes
        .filter((n) => n.cls === cls)
        .map((n) => mermaidId(n.name))
        .sort()
        .join(',')} ${cls}`,
    );
  }
  return lines;
}

/** A pie chart with the values shown; slices keep the caller's order, and only positive ones are drawn (Mermaid rejects others). */
export function pieChart(title: string, slices: readonly { label: string; value: number }[]): string[] {
  return [
    'pie showData',
    `  title ${title.replace(/[\n"]/g, ' ')}`,
    ...slices.filter((s) => s.value > 0).map((s) => `  "${s.label.replace(/["\n]/g, ' ')}" : ${s.value.toFixed(2)}`),
  ];
}

/** A fenced block GitHub renders as a diagram. */
export const mermaidBlock = (lines: readonly string[]): string => ['```mermaid', ...lines, '```'].join('\n');
