import type { Finding } from '../synth/output.js';
import type { CostDelta } from './cost-delta.js';
import type { AttributeChange, ObjectChange, ResourceChange, TargetDiff } from './diff.js';
import type { PolicyDelta } from './policy-delta.js';
import type { DiffReport } from './report.js';

/** Hidden marker the CI uses to find and update its one sticky comment. */
export const STICKY_MARKER = '<!-- tradesense-synth-diff -->';

/** GitHub rejects comments over 65,536 characters. */
const MAX_LENGTH = 60_000;
const MAX_ATTRIBUTE_LINES = 40;

const ICON: Record<string, string> = { create: '🟢 create', update: '🟡 update', replace: '🟠 replace', delete: '🔴 destroy' };
const OBJECT_ICON: Record<string, string> = { create: '🟢 add', update: '🟡 change', delete: '🔴 remove' };

const code = (text: string) => `\`${text.replace(/`/g, "'")}\``;
/** Inside <summary>, Markdown is not rendered: HTML code spans. */
const htmlCode = (text: string) => `<code>${text.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</code>`;
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function value(v: unknown): string {
  const text = v === undefined ? 'undefined' : JSON.stringify(v);
  return text.length > 100 ? `${text.slice(0, 97)}...` : text;
}

function attributeLines(changes: readonly AttributeChange[]): string {
  const lines = changes.slice(0, MAX_ATTRIBUTE_LINES).map((c) => {
    const mark = c.kind === 'CREATE' ? '+' : c.kind === 'REMOVE' ? '-' : '!';
    const text = c.kind === 'CREATE' ? value(c.after) : c.kind === 'REMOVE' ? value(c.before) : `${value(c.before)} -> ${value(c.after)}`;
    return `${mark} ${c.path}: ${text}${c.forcesReplacement ? '   # forces replacement' : ''}`;
  });
  if (changes.length > MAX_ATTRIBUTE_LINES) lines.push(`# ... ${changes.length - MAX_ATTRIBUTE_LINES} more (see the JSON report)`);
  return ['```diff', ...lines, '```'].join('\n');
}

function details(summary: string, body: string): string {
  return `<details><summary>${summary}</summary>\n\n${body}\n\n</details>`;
}

const count = (items: readonly { action: string }[], action: string) => items.filter((i) => i.action === action).length;

function resourceSection(resources: readonly ResourceChange[]): string {
  const summary = `<b>Terraform</b>: ${count(resources, 'create')} to add, ${count(resources, 'update')} to change, ${count(resources, 'replace')} to replace, ${count(resources, 'delete')} to destroy`;
  const rows = resources.map((r) => {
    const notes = [r.destructive ? (r.type === 'backend' ? '⛔ state moves' : '⛔ stateful') : '', r.renamed ? `construct id changed? ${r.action === 'delete' ? 'now' : 'was'} ${code(r.renamed)}` : '']
      .filter(Boolean)
      .join('; ');
    return `| ${ICON[r.action]} | ${code(r.address)} | ${code(r.stack)} | ${cell(notes)} |`;
  });
  const changed = resources
    .filter((r) => r.changes.length > 0)
    .map((r) => details(`${htmlCode(r.address)} (${r.stack})`, attributeLines(r.changes)));
  return details(summary, ['| Action | Resource | Stack | Notes |', '|---|---|---|---|', ...rows, '', ...changed].join('\n'));
}

function objectSection(objects: readonly ObjectChange[]): string {
  const summary = `<b>Kubernetes</b>: ${count(objects, 'create')} added, ${count(objects, 'update')} changed, ${count(objects, 'delete')} removed`;
  const rows = objects.map((o) => `| ${OBJECT_ICON[o.action]} | ${code(o.id)} | ${code(o.file)} |`);
  const changed = objects.filter((o) => o.changes.length > 0).map((o) => details(htmlCode(o.id), attributeLines(o.changes)));
  return details(summary, ['| Action | Object | File |', '|---|---|---|', ...rows, '', ...changed].join('\n'));
}

function counts(t: TargetDiff): string {
  const r = t.resources;
  const o = t.objects;
  return (
    `Terraform ${count(r, 'create')} to add, ${count(r, 'update')} to change, ${count(r, 'replace')} to replace, ${count(r, 'delete')} to destroy; ` +
    `Kubernetes ${count(o, 'create')} added, ${count(o, 'update')} changed, ${count(o, 'delete')} removed`
  );
}

function targetSection(t: TargetDiff): string {
  const parts = [`### ${t.env} / ${t.region}`];
  if (t.resources.length > 0) parts.push(resourceSection(t.resources));
  if (t.objects.length > 0) parts.push(objectSection(t.objects));
  return parts.join('\n\n');
}

function findingRows(findings: readonly Finding[]): string {
  return ['| Severity | Rule | Where | Finding |', '|---|---|---|---|', ...findings.map((f) => `| ${f.severity} | ${code(f.check)} | ${code(f.where)} | ${cell(f.message)} |`)].join('\n');
}

function policySection(p: PolicyDelta): string {
  const head = `### Policy\n\n${p.errors.length} error(s), ${p.warnings.length} warning(s) in the working tree; ${p.introduced.length} new, ${p.resolved.length} resolved since the base.`;
  const parts = [head];
  if (p.introduced.length > 0) parts.push(details('New findings', findingRows(p.introduced)));
  if (p.resolved.length > 0) parts.push(details('Resolved findings', findingRows(p.resolved)));
  const all = [...p.errors, ...p.warnings];
  if (all.length > 0) parts.push(details('All findings', findingRows(all)));
  return parts.join('\n\n');
}

const money = (n: number, currency: string) => `${n < 0 ? '-' : ''}${currency} ${Math.abs(n).toFixed(2)}`;

function costSection(c: CostDelta): string {
  if (!c.available) return `### Cost\n\nCost delta unavailable: ${c.reason}.`;
  const delta = c.headMonthly - c.baseMonthly;
  const rows = c.stacks.map((s) => `| ${code(s.stack)} | ${money(s.baseMonthly, c.currency)} | ${money(s.headMonthly, c.currency)} | ${money(s.headMonthly - s.baseMonthly, c.currency)} |`);
  const table = rows.length > 0 ? `\n\n${details('Per stack', ['| Stack | Base / month | Head / month | Delta |', '|---|---|---|---|', ...rows].join('\n'))}` : '';
  const unpriced = c.unpriced > 0 ? ` ${c.unpriced} usage-based or unpriced resource(s) are not included (see \`npm run cost\`).` : '';
  return `### Cost\n\nEstimated monthly cost (pricing of ${c.pricingDate}): ${money(c.baseMonthly, c.currency)} -> ${money(c.headMonthly, c.currency)} (${delta >= 0 ? '+' : ''}${money(delta, c.currency)}).${unpriced}${table}`;
}

function destructiveSection(r: DiffReport): string {
  if (r.diff.destructive.length === 0) return '';
  const verdict = r.blocked
    ? '**Blocked**: this PR destroys or replaces stateful resources. If that is intended, add the `allow-destroy` label.'
    : 'Destructive changes allowed by the `allow-destroy` label.';
  const items = r.diff.destructive.map((c) => `> - ${c.action} ${code(c.address)} in ${code(c.stack)}${c.renamed ? ` (construct id changed? ${code(c.renamed)})` : ''}`);
  return ['> [!CAUTION]', `> ${verdict}`, '>', ...items].join('\n');
}

/** The sticky PR comment: summary, destructive changes, then per env/region, policy and cost. */
export function renderMarkdown(r: DiffReport): string {
  const resources = r.diff.targets.flatMap((t) => t.resources);
  const objects = r.diff.targets.flatMap((t) => t.objects);
  const title = `## Synth diff against ${code(r.base.ref)} (${r.base.sha.slice(0, 12)})`;
  const summary =
    r.diff.targets.length === 0
      ? 'No change: the working tree synthesizes the same Terraform resources and Kubernetes objects as the base.'
      : `Terraform: ${count(resources, 'create')} to add, ${count(resources, 'update')} to change, ${count(resources, 'replace')} to replace, ${count(resources, 'delete')} to destroy. ` +
        `Kubernetes: ${count(objects, 'create')} added, ${count(objects, 'update')} changed, ${count(objects, 'delete')} removed.`;
  const head = [STICKY_MARKER, title, summary, destructiveSection(r)].filter(Boolean).join('\n\n');
  const tail = [policySection(r.policy), costSection(r.cost)].join('\n\n');
  // Whole environment sections, in order, while the comment stays under GitHub's limit.
  const targets: string[] = [];
  let length = head.length + tail.length;
  for (const section of r.diff.targets.map(targetSection)) {
    if (length + section.length > MAX_LENGTH) break;
    targets.push(section);
    length += section.length + 2;
  }
  const omitted = r.diff.targets.slice(targets.length).map((t) => `- ${t.env} / ${t.region}: ${counts(t)}`);
  const note = omitted.length > 0 ? [['_These sections exceed a GitHub comment; their details are in the JSON report of this run:_', ...omitted].join('\n')] : [];
  return `${[head, ...targets, ...note, tail].join('\n\n')}\n`;
}
