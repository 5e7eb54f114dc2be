/**
 * Weekly and daily UTC windows (`sun:06:00-sun:07:00`, `04:00-05:00`) as spans of
 * minutes of the week, and the US market session they must stay clear of.
 */

const DAY_INDEX: Record<string, number> = { mon: 0, tue: 1, wed: 2, thu: 3, fri: 4, sat: 5, sun: 6 };
const WEEK = 7 * 24 * 60;
/** NYSE/Nasdaq regular session, 09:30-16:00 New York, is 13:30-21:00 UTC across both DST offsets. */
const MARKET_OPEN_UTC = 13 * 60 + 30;
const MARKET_CLOSE_UTC = 21 * 60;

export type Span = readonly [number, number]; // minutes of the week, end exclusive, may wrap past WEEK

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** `sun:06:00-sun:07:00` as a span of minutes of the week (Monday 00:00 = 0). */
export function weeklySpan(window: string): Span {
  const [from = '', to = ''] = window.split('-');
  const at = (part: string) => (DAY_INDEX[part.slice(0, 3)] ?? 0) * 24 * 60 + minutes(part.slice(4));
  const start = at(from);
  const end = at(to);
  return [start, end > start ? end : end + WEEK];
}

/** A daily `hh:mm-hh:mm` window repeated on each day of the week. */
export function dailySpans(window: string): Span[] {
  const [from = '', to = ''] = window.split('-');
  const start = minutes(from);
  const end = minutes(to) > start ? minutes(to) : minutes(to) + 24 * 60;
  return [0, 1, 2, 3, 4, 5, 6].map((d) => [d * 24 * 60 + start, d * 24 * 60 + end] as const);
}

const MARKET_SESSIONS: Span[] = [0, 1, 2, 3, 4].map((d) => [d * 24 * 60 + MARKET_OPEN_UTC, d * 24 * 60 + MARKET_CLOSE_UTC] as const);

/** Whether two spans of the week overlap. */
export function overlaps(a: Span, b: Span): boolean {
  // Compare with b shifted a week either way, so spans wrapping past Sunday midnight count.
  return [-WEEK, 0, WEEK].some((shift) => a[0] < b[1] + shift && b[0] + shift < a[1]);
}

/** Whether a span touches the US regular trading session. */
export function duringMarketHours(span: Span): boolean {
  return MARKET_SESSIONS.some((session) => overlaps(span, session));
}
