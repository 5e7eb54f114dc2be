import { labelsOf } from '../../config/derive/tags.js';
import type { PlatformComponent } from '../platform-components.js';
import { SYNC_WAVES } from '../sync-waves.js';
import { StorageClassesChart } from './storage-classes.js';

export const STORAGE_CLASSES_CHART_ID = 'storage-classes';

/**
 * The StorageClasses, with the namespaces (before every operator): a claim
 * created before its class stays Pending, its StatefulSet never turns
 * healthy, and the wave that holds it never lets the next one start.
 */
export const STORAGE_COMPONENTS: readonly PlatformComponent[] = [
  {
    name: STORAGE_CLASSES_CHART_ID,
    namespace: 'default',
    syncWave: SYNC_WAVES.namespaces,
    charts: [
      {
        id: STORAGE_CLASSES_CHART_ID,
        render: (scope, id, view) =>
          new StorageClassesChart(scope, id, {
            labels: labelsOf(view.labels, { Team: view.ownerTeam, Service: 'ebs-csi' }),
            tags: view.tags,
            volumeKeyAliasArn: view.facts.volumeKeyAliasArn,
            tier: view.tier,
          }),
      },
    ],
    // A StorageClass is immutable and bound claims keep its name: never prune one with a sync.
    prune: false,
    clusterScopedKinds: ['storage.k8s.io/StorageClass'],
  },
];
