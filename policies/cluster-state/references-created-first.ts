import type { ClusterStateRule, StateViolation } from '../types.js';
import { createdBy, referencesOf, refKey } from './object-references.js';
import { syncOrder } from './sync-order.js';
import { stateWhere, type StateObject } from './types.js';

/**
 * A pod whose Secret or ConfigMap does not exist yet does not start, and an
 * operator whose referenced config is missing does not reconcile: the
 * Application stays unhealthy, so the root never reaches the later wave that
 * would create what it waits for. Every non-optional reference must be
 * created (directly, or by the ExternalSecret or Certificate that makes it)
 * no later than the referrer. A reference nothing in the cluster creates is
 * allowed only inside a chart, whose own controllers or hooks make it at run
 * time (webhook certificates, generated passwords).
 */
export const referencesCreatedFirst: ClusterStateRule = {
  id: 'references-created-first',
  check: (state) => {
    const order = syncOrder(state);
    const creators = new Map<string, StateObject[]>();
    for (const o of state.objects) {
      const created = createdBy(o);
      if (created) creators.set(refKey(created), [...(creators.get(refKey(created)) ?? []), o]);
    }
    const violations: StateViolation[] = [];
    for (const o of state.objects) {
      for (const ref of referencesOf(o)) {
        if (ref.optional) continue;
        const found = creators.get(refKey(ref)) ?? [];
        const target = `${ref.kind} ${ref.namespace}/${ref.name} (${ref.via})`;
        if (found.length === 0) {
          if (!o.source.startsWith('helm:'))
            violations.push({ where: stateWhere(o), detail: `needs ${target}, which nothing in the cluster creates` });
          continue;
        }
        if (found.some((c) => order.compare(c, o) <= 0)) continue;
        const by = found.map((c) => `${c.kind} ${c.name} at ${order.describe(c)}`).join('; ');
        violations.push({ where: stateWhere(o), detail: `needs ${target} at ${order.describe(o)}, but it is created later, by ${by}` });
      }
    }
    return violations;
  },
};
