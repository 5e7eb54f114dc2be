import type { ApplicationRenderDiff, ChartRenderDiff } from './chart-diff.js';
import { attributeLines, code, count, details, htmlCode } from './markdown-text.js';
import type { Levels } from './markdown-sections.js';

const ICON: Record<string, string> = { create: '🟢 add', update: '🟡 change', delete: '🔴 remove' };

const objectCounts = (a: ApplicationRenderDiff) =>
  `${count(a.objects, 'create')} added, ${count(a.objects, 'update')} changed, ${count(a.objects, 'delete')} removed`;

function chartChange(a: ApplicationRenderDiff): string {
  if (a.chartBefore === a.chartAfter) return a.chartAfter ? `${a.chartAfter}, values or cluster changed` : '';
  return `${a.chartBefore ?? 'no chart'} → ${a.chartAfter ?? 'no chart'}`;
}

const summary = (a: ApplicationRenderDiff) =>
  `${htmlCode(a.application)} in ${a.cluster}: ${htmlCode(chartChange(a))} — ${objectCounts(a)}`;

function application(a: ApplicationRenderDiff, withAttributes: boolean): string {
  const rows = a.objects.map((o) => `| ${ICON[o.action]} | ${code(o.id)} |`);
  const changed = withAttributes
    ? a.objects.filter((o) => o.changes.length > 0).map((o) => details(htmlCode(o.id), attributeLines(o.changes)))
    : [];
  return details(summary(a), ['| Action | Rendered object |', '|---|---|', ...rows, '', ...changed].join('\n'));
}

/**
 * Rendered Helm objects that change, one collapsed block per Application:
 * with field diffs, with object tables, or a line each.
 */
export function chartLevels(c: ChartRenderDiff): Levels {
  const title = '### Helm renders';
  if (!c.available) return [`${title}\n\nNot compared: ${c.reason}.`];
  if (c.applications.length === 0) return [''];
  const lead = `${c.applications.length} Helm Application(s) render differently (objects as Argo CD would apply them):`;
  const lines = c.applications.map(
    (a) => `- ${code(a.application)} in ${a.cluster}: ${chartChange(a) ? `${chartChange(a)}; ` : ''}${objectCounts(a)}`,
  );
  return [
    [title, lead, ...c.applications.map((a) => application(a, true))].join('\n\n'),
    [title, lead, ...c.applications.map((a) => application(a, false))].join('\n\n'),
    [title, lead, lines.join('\n')].join('\n\n'),
    `${title}\n\n${c.applications.length} Helm Application(s) render differently (details in the JSON report).`,
  ];
}
