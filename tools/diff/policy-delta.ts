import type { Finding } from '../synth/output.js';

/** Policy results of the working tree, and what changed since the base. */
export interface PolicyDelta {
  readonly errors: readonly Finding[];
  readonly warnings: readonly Finding[];
  /** Findings the base did not have. */
  readonly introduced: readonly Finding[];
  /** Findings of the base that are gone. */
  readonly resolved: readonly Finding[];
}

const key = (f: Finding) => `${f.check}\u0000${f.where}`;
const order = (a: Finding, b: Finding) => a.check.localeCompare(b.check) || a.where.localeCompare(b.where);

export function policyDelta(base: readonly Finding[], head: readonly Finding[]): PolicyDelta {
  const baseKeys = new Set(base.map(key));
  const headKeys = new Set(head.map(key));
  const sorted = [...head].sort(order);
  return {
    errors: sorted.filter((f) => f.severity === 'error'),
    warnings: sorted.filter((f) => f.severity === 'warning'),
    introduced: sorted.filter((f) => !baseKeys.has(key(f))),
    resolved: [...base].sort(order).filter((f) => !headKeys.has(key(f))),
  };
}
