import { ConfigError } from './errors.js';

/** Environment variable that fixes "today" (YYYY-MM-DD, UTC) for date-driven config rules. */
export const TODAY_VARIABLE = 'PLATFORM_TODAY';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The one "today" of the rules that read a dated calendar (config/reference/version-support.ts).
 * `PLATFORM_TODAY=2027-03-01 npm run synth` asks whether the config still holds on that
 * day; the test suite pins it so that its verdicts do not change with the calendar.
 * The synthesized files never depend on it: only whether synth passes, and its warnings.
 */
export function today(): string {
  const fixed = process.env[TODAY_VARIABLE];
  if (fixed === undefined || fixed === '') return new Date().toISOString().slice(0, 10);
  if (!ISO_DATE.test(fixed) || Number.isNaN(Date.parse(fixed))) {
    throw new ConfigError([{ path: [TODAY_VARIABLE], message: `'${fixed}' is not a date; use YYYY-MM-DD, e.g. 2027-03-01, or unset it` }]);
  }
  return fixed;
}

/** Whole days from `from` to `to` (ISO dates, UTC); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
}
