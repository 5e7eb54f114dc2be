import { clusterTargets } from '../../config/derive/targets.js';
import type { PlatformConfig } from '../../config/schema/platform.js';
import { stateWhere, type ClusterState } from '../cluster-state/types.js';
import type { ExternalReference } from './references.js';
import { type Json, list, obj } from '../json.js';

/** Secret names an ExternalSecret reads by name (`data[].remoteRef.key`, `dataFrom[].extract.key`); `find` lookups name none. */
function secretKeys(spec: Json): string[] {
  const keys = [...list(spec.data).map((d) => obj(d.remoteRef).key), ...list(spec.dataFrom).map((d) => obj(d.extract).key)];
  return [...new Set(keys.filter((k): k is string => typeof k === 'string' && k !== ''))].sort();
}

/**
 * What each cluster reads from its account that a stack must have created:
 * every Secrets Manager secret an ExternalSecret names, in the cluster's own
 * region (its ClusterSecretStore's). A missing one never syncs, and the pods
 * that mount its Secret never start.
 */
export function clusterReferences(states: readonly ClusterState[], config: PlatformConfig): ExternalReference[] {
  const targets = new Map(clusterTargets(config).map((t) => [`${t.envName}/${t.region}`, t]));
  return states.flatMap((state) => {
    const target = targets.get(state.dir);
    if (!target) return [];
    return state.objects
      .filter((o) => o.kind === 'ExternalSecret')
      .flatMap((o) =>
        secretKeys(obj(o.body.spec)).map((key) => ({
          stack: `cluster ${state.dir}`,
          address: stateWhere(o),
          account: target.env.accountId,
          kind: 'secret-value-filled-out-of-band' as const,
          identifier: `arn:aws:secretsmanager:${target.region}:${target.env.accountId}:secret:${key}`,
        })),
      );
  });
}
