import { policyCheck } from '../../policies/engine.js';
import type { OutputCheck } from './output.js';
import { VERSION_SUPPORT_CHECK, versionSupportCheck } from './version-support-check.js';

/**
 * Checks run on every synth before the output is moved into place; an error
 * finding fails synth and leaves the previous output untouched. Every
 * guardrail is a rule of the policy catalog (policies/, docs/guardrails.md);
 * the version-support notices read only config and a calendar, not the output.
 */
export const OUTPUT_CHECKS: Record<string, OutputCheck> = {
  'policy-catalog': policyCheck(),
  [VERSION_SUPPORT_CHECK]: versionSupportCheck,
};
