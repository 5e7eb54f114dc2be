/**
 * The scheduled experiments of a staging cluster, as data. Times are UTC on
 * weekdays, inside working hours, so people watch the dashboards when they run;
 * `Forbid` never stacks a run on one still in progress.
 */
export interface ChaosExperiment {
  readonly name: string;
  /** Five-field cron, UTC. */
  readonly schedule: string;
  readonly type: 'PodChaos' | 'NetworkChaos';
  /** The experiment's spec without its selector (the chart adds the opt-in scope). */
  readonly spec: Record<string, unknown>;
  /** Confine the experiment to the pods on nodes of one availability zone. @default every zone */
  readonly zone?: string;
}

/** A replica disappears: the others and the PodDisruptionBudget keep the service up. */
export const POD_KILL: ChaosExperiment = {
  name: 'pod-kill',
  schedule: '0 10 * * 1-5',
  type: 'PodChaos',
  spec: { action: 'pod-kill', mode: 'one', gracePeriod: 0 },
};

/** Calls between services slow down: timeouts, retries and circuit breakers must hold. */
export const NETWORK_LATENCY: ChaosExperiment = {
  name: 'network-latency',
  schedule: '30 11 * * 1-5',
  type: 'NetworkChaos',
  spec: {
    action: 'delay',
    mode: 'fixed-percent',
    value: '50',
    direction: 'to',
    delay: { latency: '150ms', jitter: '30ms', correlation: '25' },
    duration: '10m',
  },
};

/**
 * One availability zone is lost: every selected pod on that zone's nodes fails
 * (pod-failure swaps its containers for a pause image), so readiness drops, the
 * endpoints leave the Services and traffic must move to the other zones. Chaos
 * Mesh selects pods by node labels (selector.nodeSelectors), so the zone is the
 * nodes' `topology.kubernetes.io/zone` label. A zone a weekday, in turn.
 */
export function zoneOutages(zones: readonly string[]): ChaosExperiment[] {
  return zones.map((zone, i) => ({
    name: `zone-outage-${zone}`,
    // Tuesday, Wednesday, Thursday for the three zones of a region.
    schedule: `0 14 * * ${(i % 5) + 2}`,
    type: 'PodChaos',
    spec: { action: 'pod-failure', mode: 'all', duration: '15m' },
    zone,
  }));
}
