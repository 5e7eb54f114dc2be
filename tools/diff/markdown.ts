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

/** Which sections keep their detail first when the comment must shrink (lower first). */
export const SECTION_PRIORITY = {
  incompleteCost: 0,
  blocking: 0,
  cost: 1,
  removedStacks: 1,
  policy: 2,
  environments: 3,
  graph: 4,
  helmRenders: 5,
} as const;

interface Section {
  readonly levels: Levels;
  /** Lower first: gets its richest level before the others are considered. */
  readonly priority: number;
}

const lengthAt = (s: Section, level: number) => (s.levels[Math.min(level, s.levels.length - 1)] ?? '').length + 2;

/**
 * The level of each section. Every section starts at its shortest; then, by
 * priority, a group of sections gets the richest level all of them fit at
 * (environments alike, rather than the first ones full and the last ones
 * bare), and each of them, in order, a richer one while there is room.
 * Blocking items are in sections whose every level names them all.
 */
function fit(sections: readonly Section[], budget: number): number[] {
  const chosen = sections.map((s) => s.levels.length - 1);
  let used = sections.reduce((n, s, i) => n + lengthAt(s, chosen[i] ?? 0), 0);
  for (const priority of [...new Set(sections.map((s) => s.priority))].sort((a, b) => a - b)) {
    const group = sections.flatMap((s, i) => (s.priority === priority ? [i] : []));
    const current = group.reduce((n, i) => n + lengthAt(sections[i] as Section, chosen[i] ?? 0), 0);
    const depth = Math.max(...group.map((i) => sections[i]?.levels.length ?? 1));
    for (let level = 0; level < depth; level++) {
      const at = group.reduce((n, i) => n + lengthAt(sections[i] as Section, level), 0);
      if (used - current + at > budget) continue;
      for (const i of group) chosen[i] = Math.min(level, (sections[i]?.levels.length ?? 1) - 1);
      used += at - current;
      break;
    }
    for (const i of group) {
      const s = sections[i] as Section;
      for (let level = 0; level < (chosen[i] ?? 0); level++) {
        const extra = lengthAt(s, level) - lengthAt(s, chosen[i] ?? 0);
        if (used + extra > budget) continue;
        chosen[i] = level;
        used += extra;
        break;
      }
    }
  }
  return chosen;
}

function summary(r: DiffReport): string {
  const resources = r.diff.targets.flatMap((t) => t.resources);
  const objects = r.diff.targets.flatMap((t) => t.objects);
  const stacks = [
    ...(r.diff.removedStacks.length > 0 ? [`${plural(r.diff.removedStacks.length, 'stack')} removed (not destroyed: see below)`] : []),
    ...(r.diff.addedStacks.length > 0
      ? [`${plural(r.diff.addedStacks.length, 'stack')} added: ${r.diff.addedStacks.map(code).join(', ')}`]
      : []),
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
    { levels: incompleteCostLevels(r.cost), priority: SECTION_PRIORITY.incompleteCost },
    { levels: blockingLevels(r), priority: SECTION_PRIORITY.blocking },
    { levels: removedStackLevels(r), priority: SECTION_PRIORITY.removedStacks },
    { levels: graphLevels(r.graph), priority: SECTION_PRIORITY.graph },
    ...r.diff.targets.map((t) => ({ levels: targetLevels(t), priority: SECTION_PRIORITY.environments })),
    { levels: chartLevels(r.charts), priority: SECTION_PRIORITY.helmRenders },
    { levels: policyLevels(r.policy), priority: SECTION_PRIORITY.policy },
    { levels: costLevels(r.cost), priority: SECTION_PRIORITY.cost },
  ];
  const budget = BUDGET - title.length - COLLAPSED_NOTE.length - 4;
  const levels = fit(sections, budget);
  const collapsed = levels.some((level, i) => level > 0 && (sections[i]?.levels.length ?? 0) > 1);
  const parts = sections.map((s, i) => s.levels[levels[i] ?? 0] ?? '').filter((text) => text !== '');
  return `${[title, ...parts, ...(collapsed ? [COLLAPSED_NOTE] : [])].join('\n\n')}\n`;
}
