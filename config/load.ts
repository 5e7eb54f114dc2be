import { ConfigError, type ConfigProblem } from './errors.js';
import { INVARIANTS } from './invariants.js';
import { PlatformSchema, type PlatformConfig } from './schema/platform.js';

/**
 * Parses and checks raw platform config. Throws a ConfigError listing every
 * problem (path + fix); schema errors first, then cross-field invariants.
 */
export function parsePlatformConfig(input: unknown): PlatformConfig {
  const parsed = PlatformSchema.safeParse(input);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i): ConfigProblem => ({ path: i.path.map(String), message: i.message })));
  }
  const problems = INVARIANTS.flatMap((rule) => rule.check(parsed.data));
  if (problems.length > 0) throw new ConfigError(problems);
  return parsed.data;
}
