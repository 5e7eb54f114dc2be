import type { Environment } from '../../config/schema/environment.js';

/** What Gatekeeper does with a violation: refuse the object, or admit it with a warning. */
export type EnforcementAction = 'deny' | 'warn';

const ENFORCEMENT: Record<Environment['tier'], EnforcementAction> = {
  // Developers see the warning on `kubectl apply` without being blocked while they iterate.
  development: 'warn',
  // Staging rehearses production: what would be refused there is refused here first.
  staging: 'deny',
  production: 'deny',
};

/** Enforcement by the environment's tier, never by its name. */
export function enforcementAction(tier: Environment['tier']): EnforcementAction {
  return ENFORCEMENT[tier];
}
