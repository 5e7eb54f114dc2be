import { databasePeers } from './database-peers.js';
import type { PlatformComponent } from '../platform-components.js';
import { SYNC_WAVES } from '../sync-waves.js';
import { NetworkPoliciesChart } from './network-policies.js';

export const NETWORK_POLICIES_CHART_ID = 'network-policies';

/** Right after the team namespaces exist, before any workload starts in them. */
export const NETWORK_POLICY_COMPONENTS: readonly PlatformComponent[] = [
  {
    name: NETWORK_POLICIES_CHART_ID,
    namespace: 'default',
    syncWave: SYNC_WAVES.namespaces + 2,
    charts: [
      {
        id: NETWORK_POLICIES_CHART_ID,
        render: (scope, id, view) => {
          const database = databasePeers(view.database, view.vpcCidr);
          return new NetworkPoliciesChart(scope, id, {
            labels: view.labels,
            services: view.services,
            publicServices: view.gitops.publicServices,
            ...(database ? { database } : {}),
          });
        },
      },
    ],
  },
];
