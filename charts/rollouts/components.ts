import type { ClusterView } from '../../config/derive/cluster-view.js';
import { mirroredRegistry } from '../../config/derive/registry.js';
import { labelsOf } from '../../config/derive/tags.js';
import type { PlatformComponent } from '../platform-components.js';
import { SYNC_WAVES } from '../sync-waves.js';
import { ServiceRolloutsChart } from './service-rollouts.js';

const ROLLOUTS_CHART_VERSION = '2.40.5';
const ROLLOUTS_VERSION = 'v1.8.3';

/**
 * The chart joins `<registry>/<repository>:<tag>`: the registry is the ECR host
 * with its quay pull-through prefix (an empty registry would render `/<host>/...`,
 * an invalid reference). The taxonomy labels go on the Deployment and its pods,
 * which Gatekeeper's required-labels constraint admits only with them.
 */
function rolloutsValues(view: ClusterView): Record<string, unknown> {
  const labels = labelsOf(view.labels, { Team: 'platform', Service: 'argo-rollouts' });
  return {
    controller: {
      image: { registry: mirroredRegistry(view.facts.ecrRegistry, 'quay'), repository: 'argoproj/argo-rollouts', tag: ROLLOUTS_VERSION },
      deploymentLabels: labels,
      podLabels: labels,
    },
  };
}

/** Argo Rollouts (controller and CRDs), then the services' Rollouts once their namespaces and accounts exist. */
export const ROLLOUTS_COMPONENTS: readonly PlatformComponent[] = [
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
        },
        // Top-level keys: the chart's controller Deployment reads `.Values.containerSecurityContext`, not `controller.*`.
        containerSecurityContext: {
          allowPrivilegeEscalation: false,
          readOnlyRootFilesystem: true,
          runAsNonRoot: true,
          capabilities: { drop: ['ALL'] },
          seccompProfile: { type: 'RuntimeDefault' },
        },
        podSecurityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
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
  {
    name: 'service-rollouts',
    namespace: 'default',
    syncWave: SYNC_WAVES.workloads,
    charts: [
      {
        id: 'service-rollouts',
        render: (scope, id, view) =>
          new ServiceRolloutsChart(scope, id, {
            labels: view.labels,
            envName: view.envName,
            tier: view.tier,
            capacity: view.capacity,
            services: view.services,
            delivery: view.delivery,
            ecrRegistry: view.facts.ecrRegistry,
            databaseReadable: view.database?.secret !== undefined,
          }),
      },
    ],
  },
];
