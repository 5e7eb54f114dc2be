import type { ClusterStateRule, StateViolation } from '../types.js';
import { entriesOf, isIgnored } from './ignore-differences.js';
import { runtimeRewrites } from './runtime-rewrites.js';
import { stateWhere } from './types.js';

const RESPECT = 'RespectIgnoreDifferences=true';

/** Pointers that differ only in the webhook index, folded into one (`[i]` and a count). */
function describePointers(pointers: readonly string[]): string {
  const generic = (p: string) => p.replace(/\/\d+\//, '/[i]/');
  return [...new Set(pointers.map(generic))]
    .map((g) => {
      const matching = pointers.filter((p) => generic(p) === g);
      return matching.length > 1 ? `${g} (${matching.length} webhooks)` : (matching[0] ?? g);
    })
    .join(', ');
}

/**
 * A field Argo CD renders one way and a controller rewrites another keeps
 * the Application OutOfSync forever, and self-heal reverts the controller's
 * value, which the controller then rewrites again. The Application must leave
 * such fields out of its diff (ignoreDifferences); where git sets the field
 * too, syncs must keep the live value (RespectIgnoreDifferences=true), and
 * where a hook re-creates the key pair on every sync they must not.
 * Detection: policies/cluster-state/runtime-rewrites.ts.
 */
export const runtimeRewritesIgnored: ClusterStateRule = {
  id: 'runtime-rewrites-ignored',
  check: (state) => {
    const apps = new Map(state.applications.map((a) => [a.name, a]));
    const violations: StateViolation[] = [];
    for (const rewrite of runtimeRewrites(state)) {
      const app = apps.get(rewrite.object.application);
      const entries = entriesOf(app);
      const uncovered = rewrite.pointers.filter((p) => !isIgnored(entries, rewrite.object, p));
      const where = stateWhere(rewrite.object);
      if (uncovered.length > 0) {
        violations.push({
          where,
          detail: `${describePointers(uncovered)}: rewritten by ${rewrite.by}, but not in Application '${rewrite.object.application}''s ignoreDifferences`,
        });
        continue;
      }
      const respects = (app?.syncOptions ?? []).includes(RESPECT);
      if (rewrite.keepLiveValue === 'required' && !respects) {
        violations.push({
          where,
          detail: `git sets ${describePointers(rewrite.pointers)}, which ${rewrite.by} rewrites: without ${RESPECT} every sync of '${rewrite.object.application}' reverts it`,
        });
      }
      if (rewrite.keepLiveValue === 'forbidden' && respects) {
        violations.push({
          where,
          detail: `${RESPECT} keeps the old CA while a hook of '${rewrite.object.application}' re-creates the key pair on every sync (${rewrite.by})`,
        });
      }
    }
    return violations;
  },
};
