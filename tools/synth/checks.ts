import { policyCheck } from '../../policies/engine.js';
import { BUDGET_CHECK, budgetCheck } from '../cost/budget-check.js';
import type { OutputCheck } from './output.js';
import { VERSION_SUPPORT_CHECK, versionSupportCheck } from './version-support-check.js';

/**
 * Checks run on every synth before the output is moved into place; an error
 * finding fails synth and leaves the previous output untouched. Every
 * guardrail is a rule of the policy catalog (policies/, docs/guardrails.md);
 * the version-support notices read only config and a calendar, not the output;
 * the budget check prices the output with the cost estimator of tools/cost,
 * which policies/ may not import.
 */
export const OUTPUT_CHECKS: Record<string, OutputCheck> = {
  [BUDGET_CHECK]: budgetCheck,
  'policy-catalog': policyCheck(),
  [VERSION_SUPPORT_CHECK]: versionSupportCheck,
};
