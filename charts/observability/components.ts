import type { ClusterView } from '../../config/derive/cluster-view.js';
import { mirroredRegistry, mirroredRepository } from '../../config/derive/registry.js';
import { labelsOf } from '../../config/derive/tags.js';
import { webhookFields } from '../argocd/ignore-differences.js';
import type { PlatformComponent } from '../platform-components.js';
import { SYNC_WAVES } from '../sync-waves.js';
import { ApmChart } from './apm.js';
import { DashboardsChart } from './dashboards-chart.js';
import { MONITORING_NAMESPACE, OBSERVABILITY_NAMESPACE, PROMETHEUS_RELEASE, PROMETHEUS_URL } from './namespaces.js';
import { KUBE_PROMETHEUS_STACK_CHART, PROMETHEUS_OPERATOR_CRDS } from './prometheus-operator-crds.js';
import { prometheusStackValues, teamLabel, tempoValues } from './prometheus-stack-values.js';
import { SloRulesChart } from './slo-rules.js';

const hardened = {
  allowPrivilegeEscalation: false,
  readOnlyRootFilesystem: true,
  capabilities: { drop: ['ALL'] },
  seccompProfile: { type: 'RuntimeDefault' },
};

/** The tag taxonomy as labels of a platform component's objects and pods (Gatekeeper's required-labels). */
const platformLabels = (view: ClusterView, service: string) => labelsOf(view.labels, { Team: 'platform', Service: service });

function otelOperatorValues(view: ClusterView): Record<string, unknown> {
  return {
    // The chart puts additionalLabels on the Deployment and its pod template alike.
    additionalLabels: platformLabels(view, 'opentelemetry-operator'),
    manager: {
      // The chart's default leaves the root filesystem writable; the operator writes only to its mounted cert volume.
      securityContext: hardened,
      image: {
        repository: mirroredRepository(view.facts.ecrRegistry, 'ghcr', 'open-telemetry/opentelemetry-operator/opentelemetry-operator'),
        tag: '0.153.0',
      },
      collectorImage: {
        repository: mirroredRepository(
          view.facts.ecrRegistry,
          'ghcr',
          'open-telemetry/opentelemetry-collector-releases/opentelemetry-collector-contrib',
        ),
        tag: '0.153.0',
      },
    },
  };
}

function opencostValues(view: ClusterView): Record<string, unknown> {
  return {
    commonLabels: platformLabels(view, 'opencost'),
    podLabels: platformLabels(view, 'opencost'),
    opencost: {
      exporter: {
        image: { registry: mirroredRegistry(view.facts.ecrRegistry, 'ghcr'), repository: 'opencost/opencost', tag: '1.117.3' },
        securityContext: hardened,
        // The chart sets no CPU limit; Gatekeeper's requests-and-limits constraint requires one.
        resources: { requests: { cpu: '10m', memory: '55Mi' }, limits: { cpu: '500m', memory: '1Gi' } },
      },
      prometheus: { internal: { enabled: false }, external: { enabled: true, url: PROMETHEUS_URL } },
      metrics: { serviceMonitor: { enabled: true } },
      ui: { enabled: false },
    },
  };
}

/**
 * The observability stack through Argo CD: the monitoring CRDs first, then
 * Prometheus/Alertmanager/Grafana (kube-prometheus-stack), Tempo, the OpenTelemetry
 * operator and OpenCost; then the SLO rules, collector and dashboards.
 */
export const OBSERVABILITY_COMPONENTS: readonly PlatformComponent[] = [
  PROMETHEUS_OPERATOR_CRDS,
  {
    name: 'kube-prometheus-stack',
    namespace: MONITORING_NAMESPACE,
    // After its Grafana admin Secret and the AlertmanagerConfig its Alertmanager loads (alerting,
    // operators + 2): Grafana would not start and the Alertmanager not reconcile without them.
    syncWave: SYNC_WAVES.operators + 3,
    helm: {
      ...KUBE_PROMETHEUS_STACK_CHART,
      // The CRDs come from prometheus-operator-crds (CRD wave).
      values: {
        crds: { enabled: false },
        prometheusOperator: { resources: { requests: { cpu: '100m', memory: '256Mi' }, limits: { cpu: '500m', memory: '512Mi' } } },
      },
      clusterValues: prometheusStackValues,
    },
    prune: false,
    // Kept from when it carried the CRDs: moving a live Application back to client-side apply leaves stale field managers.
    serverSideApply: true,
    // The chart's certgen Jobs inject the admission webhooks' CA after every sync.
    ignoreDifferences: [
      webhookFields('MutatingWebhookConfiguration', `${PROMETHEUS_RELEASE}-admission`, ['caBundle']),
      webhookFields('ValidatingWebhookConfiguration', `${PROMETHEUS_RELEASE}-admission`, ['caBundle']),
    ],
  },
  {
    name: 'tempo',
    namespace: OBSERVABILITY_NAMESPACE,
    syncWave: SYNC_WAVES.operators,
    helm: {
      repoURL: 'https://grafana.github.io/helm-charts',
      chart: 'tempo',
      version: '1.23.3',
      values: { replicas: 1 },
      clusterValues: tempoValues,
    },
    // Traces live on its volume: never prune it away.
    prune: false,
  },
  {
    name: 'opentelemetry-operator',
    namespace: OBSERVABILITY_NAMESPACE,
    syncWave: SYNC_WAVES.operators,
    helm: {
      repoURL: 'https://open-telemetry.github.io/opentelemetry-helm-charts',
      chart: 'opentelemetry-operator',
      version: '0.115.0',
      values: {
        // Webhook certificates from the chart itself: no cert-manager dependency.
        admissionWebhooks: { certManager: { enabled: false }, autoGenerateCert: { enabled: true } },
        manager: { resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '512Mi' } } },
      },
      clusterValues: otelOperatorValues,
    },
    prune: false,
    // The chart generates the webhooks' CA at every render (its key pair is a hook Secret, re-created on
    // every sync from the same render, so the sync must apply the rendered caBundle: no respectIgnoreDifferences).
    ignoreDifferences: [
      webhookFields('MutatingWebhookConfiguration', 'opentelemetry-operator-mutation', ['caBundle']),
      webhookFields('ValidatingWebhookConfiguration', 'opentelemetry-operator-validation', ['caBundle']),
    ],
    providesCrds: [
      'opentelemetry.io/Instrumentation',
      'opentelemetry.io/OpAMPBridge',
      'opentelemetry.io/OpenTelemetryCollector',
      'opentelemetry.io/TargetAllocator',
    ],
  },
  {
    name: 'opencost',
    namespace: OBSERVABILITY_NAMESPACE,
    syncWave: SYNC_WAVES.operatorAddons,
    helm: {
      repoURL: 'https://opencost.github.io/opencost-helm-chart',
      chart: 'opencost',
      version: '2.3.2',
      values: {},
      clusterValues: opencostValues,
    },
  },
  {
    name: 'slo-rules',
    namespace: MONITORING_NAMESPACE,
    syncWave: SYNC_WAVES.config,
    charts: [
      {
        id: 'slo-rules',
        render: (scope, id, view) =>
          new SloRulesChart(scope, id, { labels: view.labels, services: view.services, delivery: view.delivery }),
      },
    ],
  },
  {
    name: 'dashboards',
    namespace: MONITORING_NAMESPACE,
    syncWave: SYNC_WAVES.config,
    charts: [
      {
        id: 'dashboards',
        render: (scope, id, view) =>
          new DashboardsChart(scope, id, {
            labels: labelsOf(view.labels),
            services: view.services,
            delivery: view.delivery,
            teamLabel: teamLabel(view.tagTaxonomy),
          }),
      },
    ],
  },
  // Before the workloads: pods admitted before their Instrumentation exists run uninstrumented.
  {
    name: 'apm',
    namespace: OBSERVABILITY_NAMESPACE,
    syncWave: SYNC_WAVES.config,
    charts: [
      {
        id: 'apm',
        render: (scope, id, view) =>
          new ApmChart(scope, id, {
            labels: labelsOf(view.labels, { Service: 'apm' }),
            ecrRegistry: view.facts.ecrRegistry,
            samplingPercentage: view.gitops.tracing.samplingPercentage,
          }),
      },
    ],
  },
];
