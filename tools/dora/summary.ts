import type { DoraFigures, Window } from './metrics.js';

/** The audit's targets: more than 10 deploys a day, under 5% failed changes, restored within 15 minutes. */
export const TARGETS = { deploymentsPerDay: 10, changeFailureRatio: 0.05, timeToRestoreSeconds: 15 * 60 } as const;

function duration(s: number | undefined): string {
  if (s === undefined) return 'n/a';
  if (s < 3600) return `${Math.round(s / 60)} min`;
  return `${(s / 3600).toFixed(1)} h`;
}

const pct = (r: number | undefined) => (r === undefined ? 'n/a' : `${(r * 100).toFixed(1)}%`);
const mark = (ok: boolean | undefined) => (ok === undefined ? '' : ok ? ' ✅' : ' ❌');

/** The weekly Markdown summary: one row per environment, each key against its target. */
export function weeklySummary(figures: DoraFigures[], window: Window): string {
  const day = (d: Date) => d.toISOString().slice(0, 10);
  const rows = figures.map((f) => {
    const freqOk = f.deploymentsPerDay > TARGETS.deploymentsPerDay;
    const cfrOk = f.changeFailureRatio === undefined ? undefined : f.changeFailureRatio < TARGETS.changeFailureRatio;
    const mttrOk = f.timeToRestoreMeanSeconds === undefined ? undefined : f.timeToRestoreMeanSeconds < TARGETS.timeToRestoreSeconds;
    const open = f.unrestored > 0 ? ` (${f.unrestored} not restored)` : '';
    return `| ${f.environment} | ${f.successful}/${f.deployments} | ${f.deploymentsPerDay.toFixed(2)}${mark(freqOk)} | ${duration(f.leadTimeMedianSeconds)} | ${pct(f.changeFailureRatio)}${mark(cfrOk)} | ${duration(f.timeToRestoreMeanSeconds)}${mark(mttrOk)}${open} |`;
  });
  return [
    `# DORA summary, ${day(window.from)} to ${day(window.to)}`,
    '',
    `Targets: more than ${TARGETS.deploymentsPerDay} deployments a day, change failure rate under ${TARGETS.changeFailureRatio * 100}%, time to restore under ${TARGETS.timeToRestoreSeconds / 60} min.`,
    '',
    '| environment | successful/finished | deploys per day | lead time (median) | change failure rate | time to restore (mean) |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}
