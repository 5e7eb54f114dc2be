import type { PlatformComponent } from '../platform-components.js';
import { SYNC_WAVES } from '../argocd/sync-waves.js';

export const STORAGE_CLASSES_CHART_ID = 'storage-classes';

/**
 * The StorageClasses, with the namespaces (before every operator): a claim
 * created before its class stays Pending, its StatefulSet never turns
 * healthy, and the wave that holds it never lets the next one start.
 */
export const STORAGE_COMPONENTS: PlatformComponent[] = [
  {
    name: STORAGE_CLASSES_CHART_ID,
    namespace: 'default',
    syncWave: SYNC_WAVES.namespaces,
    manifests: [`${STORAGE_CLASSES_CHART_ID}.k8s.yaml`],
    // A StorageClass is immutable and bound claims keep its name: never prune one with a sync.
    prune: false,
    clusterScopedKinds: ['storage.k8s.io/StorageClass'],
  },
];
