import { capacityOf } from '../../config/derive/cost.js';
import { SYNC_WAVES } from '../argocd/sync-waves.js';
import type { ClusterContext } from '../cluster-context.js';
import { DELETION_POLICY_KINDS } from '../janitor/deletion-policy.js';
import type { PlatformComponent } from '../platform-components.js';

/** Karpenter release: chart and CRDs (karpenter.sh/v1, karpenter.k8s.aws/v1) move together. */
export const KARPENTER_VERSION = '1.14.1';

const usesKarpenter = (ctx: ClusterContext) => capacityOf(ctx.config, ctx.target.envName) === 'karpenter';

/**
 * The cost capability's Argo CD components: the Karpenter controller (Helm,
 * CRDs included) before its NodePools, and the janitor. Registered in the
 * components registry, or wired by the GitOps engineer from this list.
 */
export const COST_COMPONENTS: PlatformComponent[] = [
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
      clusterValues: (ctx) => ({
        // Pod Identity binds this service account to the role controller-policies.ts scopes.
        serviceAccount: { name: ctx.facts.podIdentities.karpenter.serviceAccount },
        // Through the cluster's ECR like every image (pull-through cache of public.ecr.aws); the chart's digest still pins it.
        controller: { image: { repository: `${ctx.facts.ecrRegistry}/ecr-public/karpenter/controller`, tag: KARPENTER_VERSION } },
        settings: { clusterName: ctx.facts.clusterName, interruptionQueue: `${ctx.facts.clusterName}-interruptions` },
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
    manifests: ['karpenter.k8s.yaml'],
    // Deleting a NodePool drains its nodes: never let a sync prune one by accident.
    prune: false,
    clusterScopedKinds: ['karpenter.sh/NodePool', 'karpenter.k8s.aws/EC2NodeClass'],
    enabled: usesKarpenter,
  },
  {
    name: 'janitor',
    namespace: 'janitor',
    syncWave: SYNC_WAVES.workloads,
    manifests: ['janitor.k8s.yaml'],
    clusterScopedKinds: DELETION_POLICY_KINDS,
  },
];
