import type { ClusterView } from '../../config/derive/cluster-view.js';
import { mirroredRegistry, mirroredRepository } from '../../config/derive/registry.js';
import { labelsOf } from '../../config/derive/tags.js';
import { availabilityZones } from '../../config/reference/aws-regions.js';
import { generatedSecret, webhookFields } from '../argocd/ignore-differences.js';
import type { PlatformComponent } from '../platform-components.js';
import { SYNC_WAVES } from '../sync-waves.js';
import { ChaosExperimentsChart } from './chaos-experiments.js';
import { chaosEnabled, chaosTargets } from './chaos-scope.js';
import { CHAOS_NAMESPACE } from './names.js';

export const CHAOS_CHART_VERSION = '2.8.2';
export const CHAOS_EXPERIMENTS_CHART_ID = 'chaos-experiments';

const CHAOS_CRDS = ['PodChaos', 'NetworkChaos', 'Schedule', 'StressChaos', 'IOChaos', 'TimeChaos', 'DNSChaos', 'HTTPChaos', 'Workflow'].map(
  (kind) => `chaos-mesh.org/${kind}`,
);

/** The key-pair Secrets the chart generates at render time. */
const CHAOS_GENERATED_SECRETS = [
  'chaos-mesh-webhook-certs',
  'chaos-mesh-daemon-certs',
  'chaos-mesh-daemon-client-certs',
  'chaos-mesh-chaosd-client-certs',
];

const inStaging = (view: ClusterView) => chaosEnabled(view.tier);

/**
 * registry.k8s.io/pause at the version EKS 1.33's kubelet uses: every
 * pod-failure experiment swaps the target containers' images for it, so it
 * must pull from the cluster's ECR (k8s cache) like any image (the chart's default is
 * gcr.io/google-containers/pause:latest: another registry, and unpinned).
 */
export const CHAOS_PAUSE_IMAGE = 'pause:3.10';

/** Chaos Mesh and its schedules, in staging-tier clusters only. */
export const CHAOS_COMPONENTS: readonly PlatformComponent[] = [
  {
    name: 'chaos-mesh',
    namespace: CHAOS_NAMESPACE,
    syncWave: SYNC_WAVES.operators,
    enabled: inStaging,
    helm: {
      repoURL: 'https://charts.chaos-mesh.org',
      chart: 'chaos-mesh',
      version: CHAOS_CHART_VERSION,
      values: {
        // Only namespaces annotated chaos-mesh.org/inject=enabled can be injected.
        controllerManager: { enableFilterNamespace: true },
        chaosDaemon: { runtime: 'containerd', socketPath: '/run/containerd/containerd.sock' },
        dashboard: { securityMode: true },
        dnsServer: { create: false },
      },
      // Upstream images through the cluster's ECR pull-through cache; tags stay the chart's own.
      clusterValues: (view) => ({
        images: { registry: mirroredRegistry(view.facts.ecrRegistry, 'ghcr') },
        controllerManager: {
          podChaos: { podFailure: { pauseImage: mirroredRepository(view.facts.ecrRegistry, 'k8s', CHAOS_PAUSE_IMAGE) } },
        },
      }),
    },
    providesCrds: CHAOS_CRDS,
    // Its CRDs (Schedule, Workflow...) exceed the 256 KiB last-applied annotation of client-side apply.
    serverSideApply: true,
    // The chart generates its CA and key pairs at every render (genCA), as plain resources, not hooks: keep the
    // pair created at install (secrets and the webhooks' caBundle together) instead of a fresh one per refresh.
    ignoreDifferences: [
      webhookFields('MutatingWebhookConfiguration', 'chaos-mesh-mutation', ['caBundle']),
      webhookFields('ValidatingWebhookConfiguration', 'chaos-mesh-validation', ['caBundle']),
      webhookFields('ValidatingWebhookConfiguration', 'chaos-mesh-validation-auth', ['caBundle']),
      ...CHAOS_GENERATED_SECRETS.map(generatedSecret),
    ],
    respectIgnoreDifferences: true,
  },
  {
    name: CHAOS_EXPERIMENTS_CHART_ID,
    namespace: CHAOS_NAMESPACE,
    syncWave: SYNC_WAVES.customResources,
    enabled: inStaging,
    charts: [
      {
        id: CHAOS_EXPERIMENTS_CHART_ID,
        render: (scope, id, view) =>
          new ChaosExperimentsChart(scope, id, {
            labels: labelsOf(view.labels, { Team: 'platform', Service: 'chaos-mesh' }),
            targets: chaosTargets(view.tier, view.services),
            zones: availabilityZones(view.region),
          }),
      },
    ],
  },
];
