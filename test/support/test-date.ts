/**
 * "Today" of every test (PLATFORM_TODAY, config/clock.ts): dated rules judge the config as of
 * this fixed day, so that a verdict does not change with the calendar; synth and CI use the real date.
 */
export const TEST_TODAY = '2026-12-07';
