import type { ClusterStateRule, StateViolation } from '../types.js';
import { referencesOf, refKey } from './object-references.js';
import { stateWhere } from './types.js';
import { obj } from '../json.js';

/** Argo CD reads Secrets by label, not by name: clusters, repositories and their credential templates. */
const ARGOCD_SECRET_TYPE = 'argocd.argoproj.io/secret-type';

/**
 * A synced Secret nothing reads is a credential copied into the cluster for
 * nothing (and usually a sign the workload that needs it was never wired up).
 * Consumers are what the rendered state shows: pods that mount it or read it
 * into their environment, operator resources that name it (Alertmanager
 * receivers, Prometheus, gateways, other ExternalSecrets' templates) and
 * Argo CD, which finds its Secrets by label.
 */
export const externalSecretsConsumed: ClusterStateRule = {
  id: 'external-secrets-consumed',
  check: (state) => {
    const consumed = new Set(state.objects.flatMap((o) => referencesOf(o).map(refKey)));
    const violations: StateViolation[] = [];
    for (const o of state.objects) {
      if (o.kind !== 'ExternalSecret' || !o.apiVersion.startsWith('external-secrets.io/')) continue;
      const spec = obj(o.body.spec);
      const labels = obj(obj(obj(obj(spec.target).template).metadata).labels);
      if (typeof labels[ARGOCD_SECRET_TYPE] === 'string') continue;
      // Merge and None policies fill a Secret that exists already: its consumers count just the same.
      const target = { kind: 'Secret', namespace: o.namespace ?? '', name: String(obj(spec.target).name ?? '') || o.name };
      if (consumed.has(refKey(target))) continue;
      violations.push({
        where: stateWhere(o),
        detail: `its target Secret ${target.namespace}/${target.name} is read by no pod and no known consumer in the cluster`,
      });
    }
    return violations;
  },
};
