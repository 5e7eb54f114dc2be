import type { ClusterView } from '../../config/derive/cluster-view.js';
import { mirroredRepository } from '../../config/derive/registry.js';
import { labelsOf } from '../../config/derive/tags.js';
import { DELETION_POLICY_KINDS } from '../janitor/deletion-policy.js';
import { JanitorChart } from '../janitor/janitor.js';
import type { PlatformComponent } from '../platform-components.js';
import { SYNC_WAVES } from '../sync-waves.js';
import { KarpenterChart } from './karpenter.js';

/** Karpenter release: chart and CRDs (karpenter.sh/v1, karpenter.k8s.aws/v1) move together. */
export const KARPENTER_VERSION = '1.14.1';

const usesKarpenter = (view: ClusterView) => view.capacity === 'karpenter';

/** Labels of the cost capability's own objects: the environment owner's. */
const ownerLabels = (view: ClusterView, service: string) => labelsOf(view.labels, { Service: service, Team: view.ownerTeam });

/**
 * The cost capability's Argo CD components: the Karpenter controller (Helm,
 * CRDs included) before its NodePools, and the janitor.
 */
export const COST_COMPONENTS: readonly PlatformComponent[] = [
  {
    name: 'karpenter',
    namespace: 'kube-system',
    syncWave: SYNC_WAVES.operators,
    helm: {
      // oci://public.ecr.aws/karpenter/karpenter: Argo CD names Helm OCI registries without the scheme.
      repoURL: 'public.ecr.aws/karpenter',
      chart: 'karpenter',
      version: KARPENTER_VERSION,
      values: {
        serviceAccount: { create: true },
        controller: { resources: { requests: { cpu: '500m', memory: '1Gi' }, limits: { cpu: '1', memory: '1Gi' } } },
        replicas: 2,
      },
      clusterValues: (view) => ({
        // Pod Identity binds this service account to the role controller-policies.ts scopes.
        serviceAccount: { name: view.facts.podIdentities.karpenter.serviceAccount },
        // Through the cluster's ECR like every image (pull-through cache of public.ecr.aws); the chart's digest still pins it.
        controller: {
          image: { repository: mirroredRepository(view.facts.ecrRegistry, 'ecr-public', 'karpenter/controller'), tag: KARPENTER_VERSION },
        },
        settings: { clusterName: view.facts.clusterName, interruptionQueue: `${view.facts.clusterName}-interruptions` },
      }),
    },
    providesCrds: ['karpenter.sh/NodePool', 'karpenter.sh/NodeClaim', 'karpenter.k8s.aws/EC2NodeClass'],
    clusterScopedKinds: ['karpenter.sh/*', 'karpenter.k8s.aws/*'],
    serverSideApply: true,
    enabled: usesKarpenter,
  },
  {
    name: 'karpenter-node-pools',
    namespace: 'kube-system',
    syncWave: SYNC_WAVES.config,
    charts: [
      {
        id: 'karpenter',
        render: (scope, id, view) =>
          new KarpenterChart(scope, id, {
            labels: ownerLabels(view, 'karpenter'),
            tags: view.tags,
            facts: view.facts,
            pool: view.workloadPool,
          }),
      },
    ],
    // Deleting a NodePool drains its nodes: never let a sync prune one by accident.
    prune: false,
    clusterScopedKinds: ['karpenter.sh/NodePool', 'karpenter.k8s.aws/EC2NodeClass'],
    enabled: usesKarpenter,
  },
  {
    name: 'janitor',
    namespace: 'janitor',
    syncWave: SYNC_WAVES.workloads,
    charts: [
      {
        id: 'janitor',
        render: (scope, id, view) =>
          new JanitorChart(scope, id, {
            labels: ownerLabels(view, 'janitor'),
            settings: view.janitor,
            ecrRegistry: view.facts.ecrRegistry,
          }),
      },
    ],
    clusterScopedKinds: DELETION_POLICY_KINDS,
  },
];
