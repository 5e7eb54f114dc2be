import type { z } from 'zod';
import { ConfigError, type ConfigProblem } from './errors.js';
import { INVARIANTS } from './invariants.js';
import { PlatformSchema, type PlatformConfig } from './schema/platform.js';

/** zod reports a bad record key as 'Invalid key in record' with the key's own issues nested: surface those. */
function toProblems(issue: z.core.$ZodIssue): ConfigProblem[] {
  const path = issue.path.map(String);
  if (issue.code === 'invalid_key' && issue.issues.length > 0) {
    return issue.issues.map((inner) => ({ path, message: inner.message }));
  }
  return [{ path, message: issue.message }];
}

/**
 * Parses and checks raw platform config. Throws a ConfigError listing every
 * problem (path + fix); schema errors first, then cross-field invariants.
 */
export function parsePlatformConfig(input: unknown): PlatformConfig {
  const parsed = PlatformSchema.safeParse(input);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.flatMap(toProblems));
  }
  const problems = INVARIANTS.flatMap((rule) => rule.check(parsed.data));
  if (problems.length > 0) throw new ConfigError(problems);
  return parsed.data;
}
