import type { ClusterContext } from '../cluster-context.js';
import type { PlatformComponent } from '../platform-components.js';
import { SYNC_WAVES } from '../argocd/sync-waves.js';
import { mirroredRepository } from '../argocd/helm-values.js';

const ROLLOUTS_CHART_VERSION = '2.40.5';
const ROLLOUTS_VERSION = 'v1.8.3';

function rolloutsValues(ctx: ClusterContext): Record<string, unknown> {
  return { controller: { image: { registry: '', repository: mirroredRepository(ctx, 'quay', 'argoproj/argo-rollouts'), tag: ROLLOUTS_VERSION } } };
}

/** Argo Rollouts (controller and CRDs), then the services' Rollouts once their namespaces and accounts exist. */
export const ROLLOUTS_COMPONENTS: PlatformComponent[] = [
  {
    name: 'argo-rollouts',
    namespace: 'argo-rollouts',
    syncWave: SYNC_WAVES.operators,
    helm: {
      repoURL: 'https://argoproj.github.io/argo-helm',
      chart: 'argo-rollouts',
      version: ROLLOUTS_CHART_VERSION,
      values: {
        installCRDs: true,
        keepCRDs: true,
        controller: {
          replicas: 2,
          metrics: { enabled: true, serviceMonitor: { enabled: true } },
          resources: { requests: { cpu: '100m', memory: '256Mi' }, limits: { cpu: '1', memory: '1Gi' } },
          containerSecurityContext: {
            allowPrivilegeEscalation: false,
            readOnlyRootFilesystem: true,
            runAsNonRoot: true,
            capabilities: { drop: ['ALL'] },
            seccompProfile: { type: 'RuntimeDefault' },
          },
        },
        dashboard: { enabled: false },
      },
      clusterValues: rolloutsValues,
    },
    prune: false,
    providesCrds: [
      'argoproj.io/AnalysisRun',
      'argoproj.io/AnalysisTemplate',
      'argoproj.io/ClusterAnalysisTemplate',
      'argoproj.io/Experiment',
      'argoproj.io/Rollout',
    ],
  },
  { name: 'service-rollouts', namespace: 'default', syncWave: SYNC_WAVES.workloads, manifests: ['service-rollouts.k8s.yaml'] },
];
