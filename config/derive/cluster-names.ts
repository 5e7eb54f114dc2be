import type { AwsRegion } from '../reference/aws-regions.js';

/**
 * Names both halves (and the tools) use for things inside a cluster: the charts
 * create them, the stacks, the DR runbook, the drift checks and the DORA tool
 * address them. One place, so neither side hand-copies a string of the other.
 */

/** Namespace of a team's workloads. */
export function teamNamespace(team: string): string {
  return `team-${team}`;
}

/** The Velero location every schedule writes to: this region's bucket under this cluster's prefix. */
export const VELERO_DEFAULT_LOCATION = 'default';

/** The read-only location of the peer's replicated backups in an environment of two regions. */
export const PEER_LOCATION = 'peer-region';

/**
 * The read-only Velero location in which a cluster finds `peer`'s replicated
 * backups, given all its environment's other regions (`peers`): `peer-region`
 * beside a single peer, `peer-<region>` beside several, so each location says
 * whose backups it lists.
 */
export function veleroPeerLocation(peers: readonly AwsRegion[], peer: AwsRegion): string {
  if (!peers.includes(peer)) throw new Error(`${peer} is not a peer region here (peers: ${peers.join(', ') || 'none'})`);
  return peers.length === 1 ? PEER_LOCATION : `peer-${peer}`;
}

/**
 * Series the DORA tool (tools/dora) exports, per `environment`: the contract
 * between the tool and the DORA dashboard.
 */
export const DORA_SERIES = {
  deployments: 'dora_deployments',
  deploymentsPerDay: 'dora_deployment_frequency_per_day',
  leadTimeMedian: 'dora_lead_time_median_seconds',
  changeFailureRatio: 'dora_change_failure_ratio',
  timeToRestoreMean: 'dora_time_to_restore_mean_seconds',
} as const;
