import type { OutputCheck } from './output.js';
import { BUDGET_CHECK, budgetCheck } from '../cost/budget-check.js';
import { DATA_LOSS_CHECK, dataLossCheck } from '../dr/data-loss-check.js';
import { policyCheck } from '../../policies/engine.js';
import { PREREQUISITES_CHECK, prerequisitesCheck } from '../../policies/prerequisites/check.js';
import { checkEncryption } from '../security/encryption-check.js';
import { retentionOutputCheck } from '../security/retention-check.js';
import { VERSION_SUPPORT_CHECK, versionSupportCheck } from './version-support-check.js';

/**
 * Checks run on every synth before the output is moved into place; an error
 * finding fails synth and leaves the previous output untouched. Capabilities
 * (guardrail catalog, data-loss guards, retention checks) register here.
 */
export const OUTPUT_CHECKS: Record<string, OutputCheck> = {
  [BUDGET_CHECK]: budgetCheck,
  [DATA_LOSS_CHECK]: dataLossCheck,
  'policy-catalog': policyCheck(),
  [PREREQUISITES_CHECK]: prerequisitesCheck,
  'encryption-verified': checkEncryption,
  'retention-from-table': retentionOutputCheck,
  [VERSION_SUPPORT_CHECK]: versionSupportCheck,
};
