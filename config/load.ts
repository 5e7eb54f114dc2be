import { ConfigError } from './errors.js';
import { INVARIANTS } from './invariants/all.js';
import { issueProblems } from './issue-problems.js';
import { PlatformSchema, type PlatformConfig } from './schema/platform.js';
import { tradesense } from './values/tradesense.js';

/**
 * Parses and checks raw platform config. Throws a ConfigError listing every
 * problem (path + fix); schema errors first (unknown keys included: every
 * object is strict), then cross-field invariants.
 */
export function parsePlatformConfig(input: unknown): PlatformConfig {
  const parsed = PlatformSchema.safeParse(input, { reportInput: true });
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.flatMap((issue) => issueProblems(issue, PlatformSchema)),
      input,
    );
  }
  const problems = INVARIANTS.flatMap((rule) => rule.check(parsed.data));
  if (problems.length > 0) throw new ConfigError(problems, parsed.data);
  return parsed.data;
}

/** The TradeSense configuration (config/values/), parsed and checked. */
export function loadPlatformConfig(): PlatformConfig {
  return parsePlatformConfig(tradesense);
}
