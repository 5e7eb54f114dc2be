import type { ClusterStateRule, StateViolation } from '../types.js';
import { hasSyncOption } from './sync-order.js';
import { stateWhere } from './types.js';

/**
 * Client-side apply stores the whole object in the
 * `kubectl.kubernetes.io/last-applied-configuration` annotation, and all
 * annotations of an object together may hold at most 256 KiB: a larger CRD
 * fails to apply ("metadata.annotations: Too long"). Server-side apply (or
 * replace) keeps no such annotation.
 */
export const ANNOTATION_LIMIT_BYTES = 262_144;

export const largeCrdsServerSideApplied: ClusterStateRule = {
  id: 'large-crds-server-side-applied',
  check: (state) => {
    const violations: StateViolation[] = [];
    for (const o of state.objects) {
      if (o.kind !== 'CustomResourceDefinition' || o.bytes <= ANNOTATION_LIMIT_BYTES) continue;
      if (hasSyncOption(state, o, 'ServerSideApply=true') || hasSyncOption(state, o, 'Replace=true')) continue;
      violations.push({
        where: stateWhere(o),
        detail: `CRD is ${o.bytes} bytes, over the ${ANNOTATION_LIMIT_BYTES}-byte annotation limit of client-side apply, and Application '${o.application}' syncs without ServerSideApply=true`,
      });
    }
    return violations;
  },
};
