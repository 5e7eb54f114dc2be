import type { Waiver } from '../types.js';

/**
 * Reviewed exceptions to `account-prerequisites-declared`: a reference that is
 * knowingly dangling for a while. Same shape and rules as policies/waivers.ts
 * (reason, expiry within 90 days, unused ones reported).
 */
export const PREREQUISITE_WAIVERS: readonly Waiver[] = [];
