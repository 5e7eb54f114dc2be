import type { Finding } from '../synth/output.js';
import type { CostDelta } from './cost-delta.js';
import type { ResourceChange, TargetDiff } from './diff.js';
import type { ObjectChange } from './manifest-diff.js';
import { attributeLines, cell, code, count, details, htmlCode } from './markdown-text.js';
import type { PolicyDelta } from './policy-delta.js';

/**
 * Each section is rendered at several levels of detail, fullest first, the
 * last the shortest; markdown.ts picks the richest level that fits the comment.
 */
export type Levels = readonly string[];

const ICON: Record<string, string> = { create: '🟢 create', update: '🟡 update', replace: '🟠 replace', delete: '🔴 destroy' };
const OBJECT_ICON: Record<string, string> = { create: '🟢 add', update: '🟡 change', delete: '🔴 remove' };

const resourceCounts = (r: readonly ResourceChange[]) =>
  `${count(r, 'create')} to add, ${count(r, 'update')} to change, ${count(r, 'replace')} to replace, ${count(r, 'delete')} to destroy`;
const objectCounts = (o: readonly ObjectChange[]) =>
  `${count(o, 'create')} added, ${count(o, 'update')} changed, ${count(o, 'delete')} removed`;

export const summaryCounts = (r: readonly ResourceChange[], o: readonly ObjectChange[]) =>
  `Terraform: ${resourceCounts(r)}. Kubernetes: ${objectCounts(o)}.`;

function resourceSection(resources: readonly ResourceChange[], withAttributes: boolean): string {
  const rows = resources.map((r) => {
    const notes = [
      r.destructive ? (r.type === 'backend' ? '⛔ state moves' : '⛔ stateful') : '',
      r.renamed ? `construct id changed? ${r.action === 'delete' ? 'now' : 'was'} ${code(r.renamed)}` : '',
    ]
      .filter(Boolean)
      .join('; ');
    return `| ${ICON[r.action]} | ${code(r.address)} | ${code(r.stack)} | ${cell(notes)} |`;
  });
  const changed = withAttributes
    ? resources.filter((r) => r.changes.length > 0).map((r) => details(`${htmlCode(r.address)} (${r.stack})`, attributeLines(r.changes)))
    : [];
  return details(
    `<b>Terraform</b>: ${resourceCounts(resources)}`,
    ['| Action | Resource | Stack | Notes |', '|---|---|---|---|', ...rows, '', ...changed].join('\n'),
  );
}

function objectSection(objects: readonly ObjectChange[], withAttributes: boolean): string {
  const rows = objects.map((o) => `| ${OBJECT_ICON[o.action]} | ${code(o.id)} | ${code(o.file)} |`);
  const changed = withAttributes
    ? objects.filter((o) => o.changes.length > 0).map((o) => details(htmlCode(o.id), attributeLines(o.changes)))
    : [];
  return details(
    `<b>Kubernetes</b>: ${objectCounts(objects)}`,
    ['| Action | Object | File |', '|---|---|---|', ...rows, '', ...changed].join('\n'),
  );
}

/** One environment/region: tables with attribute diffs, tables only, or counts. */
export function targetLevels(t: TargetDiff): Levels {
  const title = `### ${t.env} / ${t.region}`;
  const render = (withAttributes: boolean) =>
    [
      title,
      ...(t.resources.length > 0 ? [resourceSection(t.resources, withAttributes)] : []),
      ...(t.objects.length > 0 ? [objectSection(t.objects, withAttributes)] : []),
    ].join('\n\n');
  return [
    render(true),
    render(false),
    `${title}\n\nTerraform ${resourceCounts(t.resources)}; Kubernetes ${objectCounts(t.objects)} (details in the JSON report).`,
  ];
}

function findingRows(findings: readonly Finding[]): string {
  return [
    '| Severity | Rule | Where | Finding |',
    '|---|---|---|---|',
    ...findings.map((f) => `| ${f.severity} | ${code(f.check)} | ${code(f.where)} | ${cell(f.message)} |`),
  ].join('\n');
}

export function policyLevels(p: PolicyDelta): Levels {
  const head = `### Policy\n\n${p.errors.length} error(s), ${p.warnings.length} warning(s) in the working tree; ${p.introduced.length} new, ${p.resolved.length} resolved since the base.`;
  const changes = [
    ...(p.introduced.length > 0 ? [details('New findings', findingRows(p.introduced))] : []),
    ...(p.resolved.length > 0 ? [details('Resolved findings', findingRows(p.resolved))] : []),
  ];
  const all = [...p.errors, ...p.warnings];
  return [
    [head, ...changes, ...(all.length > 0 ? [details('All findings', findingRows(all))] : [])].join('\n\n'),
    [head, ...changes].join('\n\n'),
    head,
  ];
}

export const money = (n: number, currency: string) => `${n < 0 ? '-' : ''}${currency} ${Math.abs(n).toFixed(2)}`;
const signed = (n: number, currency: string) => `${n >= 0 ? '+' : ''}${money(n, currency)}`;

function unpricedTable(c: Extract<CostDelta, { available: true }>): string {
  const groups = new Map<string, { type: string; reason: string; base: number; head: number }>();
  for (const [side, items] of [
    ['base', c.unpriced.base],
    ['head', c.unpriced.head],
  ] as const) {
    for (const u of items) {
      const key = `${u.type}\u0000${u.reason}`;
      const g = groups.get(key) ?? { type: u.type, reason: u.reason, base: 0, head: 0 };
      g[side]++;
      groups.set(key, g);
    }
  }
  const rows = [...groups.values()]
    .sort((a, b) => a.type.localeCompare(b.type) || a.reason.localeCompare(b.reason))
    .map((g) => `| ${code(g.type)} | ${cell(g.reason)} | ${g.base} | ${g.head} |`);
  return ['| Type | Why it has no figure | Base | Working tree |', '|---|---|---:|---:|', ...rows].join('\n');
}

/** Unpriced resources that only one side has (new, removed, or priced on the other side), by address. */
function oneSidedUnpriced(c: Extract<CostDelta, { available: true }>): string[] {
  const key = (u: { stack: string; address: string }) => `${u.stack} ${u.address}`;
  const baseKeys = new Set(c.unpriced.base.map(key));
  const headKeys = new Set(c.unpriced.head.map(key));
  const rows = [
    ...c.unpriced.base.filter((u) => !headKeys.has(key(u))).map((u) => ({ side: 'base', ...u })),
    ...c.unpriced.head.filter((u) => !baseKeys.has(key(u))).map((u) => ({ side: 'working tree', ...u })),
  ].map((u) => `| ${u.side} | ${code(u.address)} | ${code(u.stack)} | ${cell(u.reason)} |`);
  return rows.length > 0
    ? [details('Unpriced on one side only', ['| Side | Resource | Stack | Why |', '|---|---|---|---|', ...rows].join('\n'))]
    : [];
}

export function costLevels(c: CostDelta): Levels {
  if (!c.available) return [`### Cost\n\nCost delta unavailable: ${c.reason}.`];
  const delta = c.headMonthly - c.baseMonthly;
  const incomplete = c.gaps.length > 0;
  const headline = incomplete
    ? `**INCOMPLETE**: ${c.gaps.length} resource(s) have no price on one side (named at the top). What both sides price: ${money(c.baseMonthly, c.currency)} -> ${money(c.headMonthly, c.currency)} (${signed(delta, c.currency)}), those resources left out of both.`
    : `Estimated monthly cost (pricing of ${c.pricingDate}): ${money(c.baseMonthly, c.currency)} -> ${money(c.headMonthly, c.currency)} (${signed(delta, c.currency)}).`;
  const orphaned =
    c.orphaned.length > 0
      ? ` Not counted as a saving: ${c.orphaned.map((o) => `${code(o.stack)} (${money(o.baseMonthly, c.currency)})`).join(', ')}, removed stacks whose resources keep running until destroyed.`
      : '';
  const unpriced = ` Without a figure (listed, never counted as zero): ${c.unpriced.base.length} resource(s) in the base, ${c.unpriced.head.length} in the working tree.`;
  const head = `### Cost\n\n${headline}${orphaned}${unpriced}`;
  const rows = c.stacks.map(
    (s) =>
      `| ${code(s.stack)} | ${money(s.baseMonthly, c.currency)} | ${money(s.headMonthly, c.currency)} | ${signed(s.headMonthly - s.baseMonthly, c.currency)} |`,
  );
  const perStack =
    rows.length > 0
      ? [details('Per stack', ['| Stack | Base / month | Head / month | Delta |', '|---|---:|---:|---:|', ...rows].join('\n'))]
      : [];
  const unpricedDetails =
    c.unpriced.base.length + c.unpriced.head.length > 0
      ? [details('Unpriced resources per side', unpricedTable(c)), ...oneSidedUnpriced(c)]
      : [];
  return [[head, ...perStack, ...unpricedDetails].join('\n\n'), [head, ...perStack].join('\n\n'), head];
}
