/** Pure logic of the weekly cost report: the Cost Explorer query and the summary. */

export interface CostWindow {
  /** First day of the previous window (inclusive), YYYY-MM-DD. */
  readonly previousStart: string;
  /** First day of the current window; end of the previous one. */
  readonly currentStart: string;
  /** Day after the current window (exclusive), i.e. today. */
  readonly end: string;
}

/** The shape of GetCostAndUsage output this report reads (a subset of the SDK type). */
export interface CostAndUsageResponse {
  readonly ResultsByTime?: readonly {
    readonly TimePeriod?: { readonly Start?: string; readonly End?: string };
    readonly Groups?: readonly {
      readonly Keys?: readonly string[];
      readonly Metrics?: Record<string, { readonly Amount?: string; readonly Unit?: string }>;
    }[];
  }[];
  readonly NextPageToken?: string;
}

export const METRIC = 'UnblendedCost';
const DAY_MS = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The last `days` full days and the `days` before them, ending at today's UTC midnight. */
export function costWindow(now: Date, days: number): CostWindow {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return { previousStart: isoDay(today - 2 * days * DAY_MS), currentStart: isoDay(today - days * DAY_MS), end: isoDay(today) };
}

/** One GetCostAndUsage request: daily cost over both windows, grouped by one tag key. */
export function costQuery(window: CostWindow, tagKey: string, nextPageToken?: string) {
  return {
    TimePeriod: { Start: window.previousStart, End: window.end },
    Granularity: 'DAILY' as const,
    Metrics: [METRIC],
    GroupBy: [{ Type: 'TAG' as const, Key: tagKey }],
    ...(nextPageToken ? { NextPageToken: nextPageToken } : {}),
  };
}

export interface GroupCost {
  /** The tag value; '(untagged)' for spend without the tag. */
  readonly value: string;
  readonly current: number;
  readonly previous: number;
}

export interface TagBreakdown {
  readonly tagKey: string;
  readonly groups: GroupCost[];
  readonly current: number;
  readonly previous: number;
}

export const UNTAGGED = '(untagged)';

/** Sums the daily results of one tag key into current and previous window totals per value. */
export function breakdown(tagKey: string, pages: readonly CostAndUsageResponse[], window: CostWindow): TagBreakdown {
  const totals = new Map<string, { current: number; previous: number }>();
  for (const result of pages.flatMap((p) => p.ResultsByTime ?? [])) {
    const start = result.TimePeriod?.Start ?? '';
    const bucket = start >= window.currentStart ? 'current' : 'previous';
    for (const group of result.Groups ?? []) {
      // Tag groups read `Key$value`; an empty value is spend without the tag.
      const raw = group.Keys?.[0] ?? '';
      const value = raw.slice(raw.indexOf('$') + 1) || UNTAGGED;
      const amount = Number(group.Metrics?.[METRIC]?.Amount ?? '0');
      const entry = totals.get(value) ?? { current: 0, previous: 0 };
      entry[bucket] += Number.isFinite(amount) ? amount : 0;
      totals.set(value, entry);
    }
  }
  const groups = [...totals].map(([value, t]) => ({ value, ...t })).sort((a, b) => b.current - a.current || a.value.localeCompare(b.value));
  return {
    tagKey,
    groups,
    current: groups.reduce((n, g) => n + g.current, 0),
    previous: groups.reduce((n, g) => n + g.previous, 0),
  };
}

const usd = (n: number) => `$${n.toFixed(2).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`;

function change(current: number, previous: number): string {
  if (previous === 0) return current === 0 ? '±0%' : 'new';
  const pct = ((current - previous) / previous) * 100;
  return `${pct >= 0 ? '+' : ''}${pct.toFixed(1)}%`;
}

export interface CostSummary {
  readonly subject: string;
  readonly text: string;
  readonly total: number;
  readonly untaggedShare: number;
}

/** The report as plain text (SNS e-mail and Slack), one section per taxonomy key. */
export function summarize(environment: string, window: CostWindow, breakdowns: readonly TagBreakdown[], topN = 8): CostSummary {
  const total = breakdowns[0]?.current ?? 0;
  const previous = breakdowns[0]?.previous ?? 0;
  const untagged = Math.max(0, ...breakdowns.map((b) => b.groups.find((g) => g.value === UNTAGGED)?.current ?? 0));
  const untaggedShare = total > 0 ? untagged / total : 0;
  const lines = [
    `Cost report for ${environment}: ${window.currentStart} to ${window.end} (exclusive)`,
    `Total ${usd(total)} (${change(total, previous)} vs the previous period, ${usd(previous)})`,
  ];
  if (untaggedShare > 0.05)
    lines.push(`Warning: ${(untaggedShare * 100).toFixed(1)}% of spend lacks a taxonomy tag; tag it so budgets see it.`);
  for (const b of breakdowns) {
    lines.push('', `By ${b.tagKey}:`);
    for (const g of b.groups.slice(0, topN)) {
      lines.push(`  ${g.value.padEnd(24)} ${usd(g.current).padStart(12)}  ${change(g.current, g.previous)}`);
    }
    if (b.groups.length > topN) lines.push(`  ...and ${b.groups.length - topN} more`);
  }
  return {
    subject: `[${environment}] weekly cost ${usd(total)} (${change(total, previous)})`.slice(0, 99),
    text: lines.join('\n'),
    total,
    untaggedShare,
  };
}
