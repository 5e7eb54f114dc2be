import type { ClusterState, StateObject } from '../../policies/cluster-state/types.js';
import { list, obj } from '../../policies/json.js';

/** `500m` → 0.5, `2` → 2 (CPU quantities). */
export function cpuCores(quantity: unknown): number {
  const text = String(quantity ?? '0');
  const value = Number.parseFloat(text);
  if (Number.isNaN(value)) return 0;
  return text.endsWith('m') ? value / 1000 : value;
}

const WORKLOADS = new Set(['Deployment', 'StatefulSet', 'Rollout', 'DaemonSet']);

/** Steady-state CPU requests of a workload: its replicas (the HPA's minimum when it scales) × its containers' requests. */
function requestedCores(o: StateObject, minReplicas: ReadonlyMap<string, number>): number {
  const spec = obj(o.body.spec);
  const pod = obj(obj(spec.template).spec);
  const perPod = list(pod.containers).reduce((n, c) => n + cpuCores(obj(obj(c.resources).requests).cpu), 0);
  const replicas = minReplicas.get(`${o.namespace}/${o.kind}/${o.name}`) ?? (typeof spec.replicas === 'number' ? spec.replicas : 1);
  return perPod * replicas;
}

/**
 * Who uses an environment's shared cluster capacity: each team's share of the
 * CPU its workloads request at steady state (the namespaces labelled with the
 * team, per the tag taxonomy's `Team` label); everything else (the platform's
 * own components) is `fallbackTeam`'s. DaemonSets count once per cluster, an
 * approximation that errs towards the platform. Shares sum to 1.
 */
export function capacityShares(states: readonly ClusterState[], teamLabel: string, fallbackTeam: string): Map<string, number> {
  const cores = new Map<string, number>();
  for (const state of states) {
    const teamOfNamespace = new Map(
      state.objects.filter((o) => o.kind === 'Namespace').map((o) => [o.name, obj(obj(o.body.metadata).labels)[teamLabel]] as const),
    );
    const minReplicas = new Map(
      state.objects
        .filter((o) => o.kind === 'HorizontalPodAutoscaler')
        .map((o) => {
          const spec = obj(o.body.spec);
          const target = obj(spec.scaleTargetRef);
          return [
            `${o.namespace}/${String(target.kind)}/${String(target.name)}`,
            typeof spec.minReplicas === 'number' ? spec.minReplicas : 1,
          ] as const;
        }),
    );
    for (const o of state.objects.filter((x) => WORKLOADS.has(x.kind))) {
      const labelled = teamOfNamespace.get(o.namespace ?? '');
      const team = typeof labelled === 'string' ? labelled : fallbackTeam;
      cores.set(team, (cores.get(team) ?? 0) + requestedCores(o, minReplicas));
    }
  }
  const sum = [...cores.values()].reduce((a, b) => a + b, 0);
  if (sum === 0) return new Map([[fallbackTeam, 1]]);
  return new Map([...cores].sort(([a], [b]) => a.localeCompare(b)).map(([team, n]) => [team, n / sum]));
}
