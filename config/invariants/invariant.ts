import type { ConfigProblem } from '../errors.js';
import type { PlatformConfig } from '../schema/platform.js';

/**
 * A cross-field rule the schema alone cannot express. It returns its problems;
 * parsing reports all of them at once. Each capability keeps its rules in one
 * file of config/invariants/, and config/invariants/all.ts lists them.
 */
export interface Invariant {
  readonly id: string;
  check(config: PlatformConfig): ConfigProblem[];
}
