import { ApiObject, Chart } from 'cdk8s';
import type { Construct } from 'constructs';
import type { PeerCluster } from '../../config/derive/cluster-view.js';
import { VELERO_DEFAULT_LOCATION, veleroPeerLocation } from '../../config/derive/cluster-names.js';
import type { AwsRegion } from '../../config/reference/aws-regions.js';
import { VELERO_NAMESPACE } from './names.js';

export interface VeleroLocationsProps {
  /** The taxonomy labels of the locations. */
  readonly labels: Record<string, string>;
  readonly region: AwsRegion;
  /** This region's Velero bucket (ClusterFacts.veleroBucket). */
  readonly bucket: string;
  /** This cluster's name: its prefix in the bucket. */
  readonly clusterName: string;
  /** The environment's other clusters, primary first: their backups replicate into `bucket` under their names. */
  readonly peers: readonly PeerCluster[];
}

/**
 * Where Velero keeps backups: this region's bucket under this cluster's prefix
 * (read-write, default) and, for multi-region environments, each peer
 * cluster's replicated backups under that peer's prefix (read-only: a restore
 * source, never a write target, so the clusters cannot overwrite each other's
 * backups). Volume data is backed up into the same bucket by the node agent
 * (velero-schedules.ts), so no VolumeSnapshotLocation: EBS snapshots would
 * stay in this region. Credentials come from the `velero` service account's
 * Pod Identity role.
 */
export class VeleroLocationsChart extends Chart {
  constructor(scope: Construct, id: string, props: VeleroLocationsProps) {
    super(scope, id, { namespace: VELERO_NAMESPACE });
    const location = (id: string, name: string, prefix: string, accessMode: 'ReadWrite' | 'ReadOnly') =>
      new ApiObject(this, id, {
        apiVersion: 'velero.io/v1',
        kind: 'BackupStorageLocation',
        metadata: { name, namespace: VELERO_NAMESPACE, labels: props.labels },
        spec: {
          provider: 'aws',
          default: accessMode === 'ReadWrite',
          accessMode,
          objectStorage: { bucket: props.bucket, prefix },
          config: { region: props.region },
        },
      });
    location('default-location', VELERO_DEFAULT_LOCATION, props.clusterName, 'ReadWrite');
    const peerRegions = props.peers.map((p) => p.region);
    for (const peer of props.peers) {
      // Each peer's bucket replicates into ours with object keys kept (stacks/velero-storage.ts),
      // so its backups sit in our own bucket under its prefix, reachable when its region is not.
      location(`peer-location-${peer.region}`, veleroPeerLocation(peerRegions, peer.region), peer.clusterName, 'ReadOnly');
    }
  }
}
