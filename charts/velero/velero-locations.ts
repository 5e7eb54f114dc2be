import { ApiObject, Chart } from 'cdk8s';
import type { Construct } from 'constructs';
import { clusterFacts } from '../../config/derive/facts.js';
import { solePeer } from '../../config/derive/regions.js';
import { resolveLabels } from '../../config/derive/tags.js';
import type { ClusterContext } from '../cluster-context.js';

export const VELERO_NAMESPACE = 'velero';
/** The location every schedule writes to: this region's bucket. */
export const DEFAULT_LOCATION = 'default';
/** The peer cluster's replicated backups, mounted read-only so this cluster can restore them after a failover. */
export const PEER_LOCATION = 'peer-region';

/**
 * Where Velero keeps backups: this region's bucket under this cluster's prefix
 * (read-write, default) and, for multi-region environments, the peer cluster's
 * replicated backups under the peer's prefix (read-only: a restore source,
 * never a write target, so the two clusters cannot overwrite each other's
 * backups). Volume data is backed up into the same bucket by the node agent
 * (velero-schedules.ts), so no VolumeSnapshotLocation: EBS snapshots would
 * stay in this region. Credentials come from the `velero` service account's
 * Pod Identity role.
 */
export class VeleroLocationsChart extends Chart {
  constructor(scope: Construct, id: string, ctx: ClusterContext) {
    super(scope, id, { namespace: VELERO_NAMESPACE });
    const { config, target, facts } = ctx;
    const labels = resolveLabels(config, target.envName, { Team: 'platform', Service: 'velero' });
    const location = (id: string, name: string, prefix: string, accessMode: 'ReadWrite' | 'ReadOnly') =>
      new ApiObject(this, id, {
        apiVersion: 'velero.io/v1',
        kind: 'BackupStorageLocation',
        metadata: { name, namespace: VELERO_NAMESPACE, labels },
        spec: {
          provider: 'aws',
          default: accessMode === 'ReadWrite',
          accessMode,
          objectStorage: { bucket: facts.veleroBucket, prefix },
          config: { region: target.region },
        },
      });
    location('default-location', DEFAULT_LOCATION, facts.clusterName, 'ReadWrite');
    const peer = solePeer(target, 'the Velero peer-region location');
    if (peer) {
      // The peer's bucket replicates into ours with object keys kept (stacks/velero-storage.ts),
      // so the peer's backups sit in our own bucket under the peer's prefix, reachable when its region is not.
      location('peer-location', PEER_LOCATION, clusterFacts(config, { ...target, region: peer }).clusterName, 'ReadOnly');
    }
  }
}
