import type { OutputCheck } from './output.js';

/**
 * Checks run on every synth before the output is moved into place; an error
 * finding fails synth and leaves the previous output untouched. Capabilities
 * (guardrail catalog, data-loss guards, retention checks) register here.
 */
export const OUTPUT_CHECKS: Record<string, OutputCheck> = {};
