import type { PlatformComponent } from '../platform-components.js';
import { SYNC_WAVES } from '../argocd/sync-waves.js';

export const NETWORK_POLICIES_CHART_ID = 'network-policies';

/** Right after the team namespaces exist, before any workload starts in them. */
export const NETWORK_POLICY_COMPONENTS: PlatformComponent[] = [
  {
    name: NETWORK_POLICIES_CHART_ID,
    namespace: 'default',
    syncWave: SYNC_WAVES.namespaces + 2,
    manifests: [`${NETWORK_POLICIES_CHART_ID}.k8s.yaml`],
  },
];
