/**
 * Multi-window, multi-burn-rate alert windows (Google SRE workbook, "Alerting on
 * SLOs", table 5-8) as data, in the style of slok/sloth. A burn rate is derived,
 * not typed in: the share of the period's error budget an alert tolerates being
 * spent within its long window, times period / long window.
 */
export type Duration = `${number}${'m' | 'h' | 'd'}`;

export interface BurnWindow {
  readonly long: Duration;
  readonly short: Duration;
  /** Share of the whole period's budget spent within `long` that fires the alert. */
  readonly budgetConsumed: number;
}

export interface WindowSet {
  readonly period: Duration;
  readonly page: readonly [BurnWindow, BurnWindow];
  readonly ticket: readonly [BurnWindow, BurnWindow];
}

const WORKBOOK_WINDOWS = {
  page: [
    { long: '1h', short: '5m', budgetConsumed: 0.02 },
    { long: '6h', short: '30m', budgetConsumed: 0.05 },
  ],
  ticket: [
    { long: '1d', short: '2h', budgetConsumed: 0.1 },
    { long: '3d', short: '6h', budgetConsumed: 0.1 },
  ],
} as const satisfies Omit<WindowSet, 'period'>;

export const WINDOW_SETS: Record<'28d' | '30d', WindowSet> = {
  '28d': { period: '28d', ...WORKBOOK_WINDOWS },
  '30d': { period: '30d', ...WORKBOOK_WINDOWS },
};

const UNIT_MINUTES = { m: 1, h: 60, d: 1440 } as const;

export function minutesOf(d: Duration): number {
  const unit = d.slice(-1) as keyof typeof UNIT_MINUTES;
  return Number(d.slice(0, -1)) * UNIT_MINUTES[unit];
}

/** Rounds away float noise (0.0005 * 14.4 = 0.007200000000000001). */
export function tidy(n: number): number {
  return Number(n.toPrecision(12));
}

/** The burn rate of a window in a set: 14.4, 6, 3 and 1 for the 30-day workbook set. */
export function burnRate(set: WindowSet, w: BurnWindow): number {
  return tidy((w.budgetConsumed * minutesOf(set.period)) / minutesOf(w.long));
}

/** Every window an SLI is recorded over: the alert windows, shortest first. */
export function sliWindows(set: WindowSet): Duration[] {
  const all = [...set.page, ...set.ticket].flatMap((w) => [w.short, w.long]);
  return [...new Set(all)].sort((a, b) => minutesOf(a) - minutesOf(b));
}
