import { teamNamespace } from '../../config/derive/cluster-names.js';
import { labelsOf } from '../../config/derive/tags.js';
import { ARGOCD_NAMESPACE } from '../argocd-namespace.js';
import type { PlatformComponent } from '../platform-components.js';
import { SYNC_WAVES } from '../sync-waves.js';
import { CiAccessChart } from './ci-access.js';

/** The CI roles' RBAC (ci-access.k8s.yaml): after the team namespaces its bindings land in. */
export const CI_ACCESS_COMPONENTS: readonly PlatformComponent[] = [
  {
    name: 'ci-access',
    namespace: ARGOCD_NAMESPACE,
    syncWave: SYNC_WAVES.namespaces + 2,
    charts: [
      {
        id: 'ci-access',
        render: (scope, id, view) =>
          new CiAccessChart(scope, id, {
            labels: labelsOf(view.labels, { Team: 'platform', Service: 'ci-cd' }),
            tier: view.tier,
            teamNamespaces: [...new Set(view.services.map((s) => teamNamespace(s.team)))].sort(),
          }),
      },
    ],
  },
];
