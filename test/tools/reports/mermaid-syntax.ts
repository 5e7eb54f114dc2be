/**
 * A line-level check of the Mermaid this repository emits (no Mermaid parser
 * runs offline without a browser): every line is a known statement, nodes are
 * declared once, edges and classes name declared nodes, subgraphs balance.
 */
export function flowchartProblems(block: string): string[] {
  const lines = block.split('\n');
  const problems: string[] = [];
  if (lines[0] !== 'flowchart LR') problems.push(`first line '${lines[0] ?? ''}' is not 'flowchart LR'`);
  const nodes = new Set<string>();
  const groups = new Set<string>();
  let depth = 0;
  const ID = '(n_[A-Za-z0-9_]+)';
  const LABEL = '"([^"]*)"';
  for (const line of lines.slice(1)) {
    let m: RegExpExecArray | null;
    if ((m = new RegExp(`^\\s*subgraph ${ID}\\[${LABEL}\\]$`).exec(line))) {
      if (groups.has(m[1] ?? '')) problems.push(`subgraph ${m[1]} declared twice`);
      groups.add(m[1] ?? '');
      depth++;
    } else if (/^\s*end$/.test(line)) {
      if (--depth < 0) problems.push('end without subgraph');
    } else if ((m = new RegExp(`^\\s*${ID}\\[${LABEL}\\]$`).exec(line))) {
      if (nodes.has(m[1] ?? '')) problems.push(`node ${m[1]} declared twice`);
      nodes.add(m[1] ?? '');
    } else if ((m = new RegExp(`^\\s*${ID} (-->|-\\.->)(\\|${LABEL}\\|)? ${ID}$`).exec(line))) {
      for (const id of [m[1], m[5]]) if (!nodes.has(id ?? '')) problems.push(`edge to undeclared node ${id}`);
    } else if (/^\s*classDef [a-z]+ [a-z-]+:[^\s]+(,[a-z-]+:[^,]+)*$/.test(line)) {
      // a class definition
    } else if ((m = /^\s*class ([A-Za-z0-9_,]+) [a-z]+$/.exec(line))) {
      for (const id of (m[1] ?? '').split(',')) if (!nodes.has(id)) problems.push(`class on undeclared node ${id}`);
    } else {
      problems.push(`unexpected line '${line}'`);
    }
  }
  if (depth !== 0) problems.push(`${depth} subgraph(s) not closed`);
  return problems;
}

/** The bodies of the ```mermaid blocks of a Markdown text. */
export const mermaidBlocks = (markdown: string): string[] => [...markdown.matchAll(/```mermaid\n([\s\S]*?)\n```/g)].map((m) => m[1] ?? '');
