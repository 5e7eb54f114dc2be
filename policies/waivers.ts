import type { Waiver } from './types.js';

/**
 * Reviewed exceptions to the policy catalog. Each names one rule and one
 * resource (`stack/type.name` or `env/region/file#Kind/namespace/name`, `*`
 * within a path segment), says why, and ends: an expired waiver fails synth,
 * an unused one is reported so it gets removed.
 */
export const WAIVERS: readonly Waiver[] = [];
