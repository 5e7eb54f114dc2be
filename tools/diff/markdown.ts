import { blockingLevels, graphLevels, incompleteCostLevels, removedStackLevels } from './markdown-alerts.js';
import { chartLevels } from './markdown-charts.js';
import { costLevels, policyLevels, summaryCounts, targetLevels, type Levels } from './markdown-sections.js';
import { code, plural } from './markdown-text.js';
import type { DiffReport } from './report.js';

/** Hidden marker the CI uses to find and update its one sticky comment. */
export const STICKY_MARKER = '<!-- tradesense-synth-diff -->';

/** GitHub rejects comments over 65,536 characters; a JS string length counts an emoji twice, so this bound is safe. */
export const MAX_COMMENT_LENGTH = 65_536;
const BUDGET = MAX_COMMENT_LENGTH - 1_000;

const COLLAPSED_NOTE = '_Some details are collapsed to fit a GitHub comment; the JSON report of this run has them all._';

interface Section {
  readonly levels: Levels;
  /** Lower first: gets its richest level before the others are considered. */
  readonly priority: number;
}

/**
 * The level of each section: in priority order, the richest level that still
 * leaves room for every later section at its shortest. Blocking items are in
 * sections whose every level names them all.
 */
function fit(sections: readonly Section[], budget: number): number[] {
  const shortest = (s: Section) => (s.levels.at(-1) ?? '').length + 2;
  const chosen = sections.map((s) => s.levels.length - 1);
  let reserve = sections.reduce((n, s) => n + shortest(s), 0);
  const order = sections.map((s, i) => ({ s, i })).sort((a, b) => a.s.priority - b.s.priority || a.i - b.i);
  let used = 0;
  for (const { s, i } of order) {
    reserve -= shortest(s);
    const level = s.levels.findIndex((text) => used + text.length + 2 + reserve <= budget);
    chosen[i] = level === -1 ? s.levels.length - 1 : level;
    used += (s.levels[chosen[i] ?? 0] ?? '').length + 2;
  }
  return chosen;
}

function summary(r: DiffReport): string {
  const resources = r.diff.targets.flatMap((t) => t.resources);
  const objects = r.diff.targets.flatMap((t) => t.objects);
  const stacks = [
    ...(r.diff.removedStacks.length > 0 ? [`${plural(r.diff.removedStacks.length, 'stack')} removed (not destroyed: see below)`] : []),
    ...(r.diff.addedStacks.length > 0 ? [`${plural(r.diff.addedStacks.length, 'stack')} added: ${r.diff.addedStacks.map(code).join(', ')}`] : []),
  ];
  const nothing = r.diff.targets.length === 0 && stacks.length === 0;
  if (nothing) return 'No change: the working tree synthesizes the same Terraform resources and Kubernetes objects as the base.';
  return [summaryCounts(resources, objects), ...(stacks.length > 0 ? [`Stacks: ${stacks.join('; ')}.`] : [])].join(' ');
}

/**
 * The sticky PR comment: summary, what blocks and what the cost cannot say,
 * removed stacks, the stack graph, then per env/region, Helm renders, policy
 * and cost. It stays within GitHub's limit by collapsing detail, section by
 * section, never by leaving out a blocking item, and ends with a newline.
 */
export function renderMarkdown(r: DiffReport): string {
  const title = `${STICKY_MARKER}\n## Synth diff against ${code(r.base.ref)} (${r.base.sha.slice(0, 12)})\n\n${summary(r)}`;
  const sections: Section[] = [
    { levels: incompleteCostLevels(r.cost), priority: 0 },
    { levels: blockingLevels(r), priority: 0 },
    { levels: removedStackLevels(r), priority: 1 },
    { levels: graphLevels(r.graph), priority: 4 },
    ...r.diff.targets.map((t) => ({ levels: targetLevels(t), priority: 3 })),
    { levels: chartLevels(r.charts), priority: 5 },
    { levels: policyLevels(r.policy), priority: 2 },
    { levels: costLevels(r.cost), priority: 1 },
  ];
  const budget = BUDGET - title.length - COLLAPSED_NOTE.length - 4;
  const levels = fit(sections, budget);
  const collapsed = levels.some((level, i) => level > 0 && (sections[i]?.levels.length ?? 0) > 1);
  const parts = sections.map((s, i) => s.levels[levels[i] ?? 0] ?? '').filter((text) => text !== '');
  return `${[title, ...parts, ...(collapsed ? [COLLAPSED_NOTE] : [])].join('\n\n')}\n`;
}
