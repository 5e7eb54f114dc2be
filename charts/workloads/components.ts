import { ARGOCD_NAMESPACE } from '../argocd-namespace.js';
import { chaosNamespaces, chaosTargets } from '../chaos/chaos-scope.js';
import type { PlatformComponent } from '../platform-components.js';
import { SYNC_WAVES } from '../sync-waves.js';
import { TeamNamespacesChart } from '../team-namespaces.js';
import { ServiceAccountsChart } from './service-accounts.js';

/**
 * The cluster baseline the services land in: team namespaces, then their
 * service accounts. Their files name every object's namespace, so the
 * destination namespace is only a formality (Argo CD's own).
 */
export const WORKLOAD_COMPONENTS: readonly PlatformComponent[] = [
  {
    name: 'team-namespaces',
    namespace: ARGOCD_NAMESPACE,
    syncWave: SYNC_WAVES.namespaces,
    charts: [
      {
        id: 'team-namespaces',
        render: (scope, id, view) =>
          new TeamNamespacesChart(scope, id, {
            labels: view.labels,
            teams: view.teams,
            services: view.services,
            delivery: view.delivery.services,
            chaosNamespaces: chaosNamespaces(chaosTargets(view.tier, view.services)),
          }),
      },
    ],
    prune: false,
  },
  {
    name: 'service-accounts',
    namespace: ARGOCD_NAMESPACE,
    syncWave: SYNC_WAVES.namespaces + 1,
    charts: [
      {
        id: 'service-accounts',
        render: (scope, id, view) => new ServiceAccountsChart(scope, id, { labels: view.labels, services: view.services }),
      },
    ],
  },
];
