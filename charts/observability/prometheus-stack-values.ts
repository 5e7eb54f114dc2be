import type { ClusterView } from '../../config/derive/cluster-view.js';
import { mirroredRegistry, mirroredRepository } from '../../config/derive/registry.js';
import { labelsOf } from '../../config/derive/tags.js';
import type { TagDefinition } from '../../config/schema/organization.js';
import { ALERTMANAGER_CONFIG_NAME, GRAFANA_ADMIN_SECRET } from '../alerting/names.js';
import { DASHBOARD_LABEL } from './dashboards/grafana.js';
import { OBSERVABILITY_NAMESPACE } from './namespaces.js';

/** Tempo's query API, Grafana's trace data source. */
export const TEMPO_QUERY_URL = `http://tempo.${OBSERVABILITY_NAMESPACE}.svc.cluster.local:3200`;

const hardened = {
  allowPrivilegeEscalation: false,
  readOnlyRootFilesystem: true,
  capabilities: { drop: ['ALL'] },
  seccompProfile: { type: 'RuntimeDefault' },
};

/** The Kubernetes label that carries a namespace's team (the tag taxonomy's `Team` twin). */
export function teamLabel(taxonomy: readonly Pick<TagDefinition, 'key' | 'label'>[]): string {
  const def = taxonomy.find((t) => t.key === 'Team');
  if (!def) throw new Error("the tag taxonomy has no 'Team' key: cost by team needs it; add it to tagTaxonomy");
  return def.label;
}

/** kube-state-metrics exports an allow-listed label `a.b/c-d` as `label_a_b_c_d`. */
export function ksmLabelName(label: string): string {
  return `label_${label.replace(/[^a-zA-Z0-9]/g, '_')}`;
}

/**
 * kube-prometheus-stack for one cluster: images through the cluster's ECR
 * caches, rules/monitors selected from every namespace (our PrometheusRules
 * carry no release label), remote write for the OpenTelemetry collector,
 * Alertmanager configured by our AlertmanagerConfig, Grafana reading
 * dashboards from labelled ConfigMaps and traces from Tempo.
 */
export function prometheusStackValues(view: ClusterView): Record<string, unknown> {
  const { ecrRegistry } = view.facts;
  const quay = (repo: string) => ({ registry: mirroredRegistry(ecrRegistry, 'quay'), repository: repo });
  const days = view.retentionDays.metrics;
  return {
    prometheusOperator: {
      image: quay('prometheus-operator/prometheus-operator'),
      prometheusConfigReloader: { image: quay('prometheus-operator/prometheus-config-reloader') },
      admissionWebhooks: {
        patch: { image: { registry: mirroredRegistry(ecrRegistry, 'k8s'), repository: 'ingress-nginx/kube-webhook-certgen' } },
      },
      containerSecurityContext: hardened,
    },
    prometheus: {
      prometheusSpec: {
        image: quay('prometheus/prometheus'),
        ruleSelectorNilUsesHelmValues: false,
        serviceMonitorSelectorNilUsesHelmValues: false,
        podMonitorSelectorNilUsesHelmValues: false,
        enableRemoteWriteReceiver: true,
        retention: `${days}d`,
        replicas: 2,
        resources: { requests: { cpu: '1', memory: '4Gi' }, limits: { cpu: '4', memory: '12Gi' } },
        storageSpec: {
          volumeClaimTemplate: {
            spec: { storageClassName: 'gp3', accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '500Gi' } } },
          },
        },
      },
    },
    alertmanager: {
      alertmanagerSpec: {
        image: quay('prometheus/alertmanager'),
        replicas: 3,
        // Our AlertmanagerConfig is the global configuration: no namespace matcher is injected into its routes.
        alertmanagerConfiguration: { name: ALERTMANAGER_CONFIG_NAME },
      },
    },
    grafana: {
      image: { registry: mirroredRegistry(ecrRegistry, 'docker-hub'), repository: 'grafana/grafana' },
      admin: { existingSecret: GRAFANA_ADMIN_SECRET, userKey: 'admin-user', passwordKey: 'admin-password' },
      sidecar: {
        image: quay('kiwigrid/k8s-sidecar'),
        dashboards: {
          enabled: true,
          label: DASHBOARD_LABEL,
          labelValue: '1',
          searchNamespace: 'ALL',
          folderAnnotation: 'grafana_folder',
          provider: { foldersFromFilesStructure: true },
        },
      },
      additionalDataSources: [{ name: 'Tempo', type: 'tempo', uid: 'tempo', url: TEMPO_QUERY_URL, access: 'proxy' }],
    },
    'kube-state-metrics': {
      image: { registry: mirroredRegistry(ecrRegistry, 'k8s'), repository: 'kube-state-metrics/kube-state-metrics' },
      // Cost by team joins OpenCost's per-namespace cost with this namespace label.
      metricLabelsAllowlist: [`namespaces=[${teamLabel(view.tagTaxonomy)}]`],
    },
    'prometheus-node-exporter': { image: quay('prometheus/node-exporter') },
    // EKS runs the control plane (etcd, scheduler, controller-manager) out of reach, kube-proxy serves
    // metrics on 127.0.0.1 only, and the kube-dns Service maps no metrics port: their exporters would
    // put Services into kube-system (not a platform destination in prod) and page forever as down.
    ...Object.fromEntries(UNSCRAPABLE_ON_EKS.map((component) => [component, { enabled: false }])),
  };
}

/** kube-prometheus-stack's control-plane exporters that cannot scrape anything on EKS. */
export const UNSCRAPABLE_ON_EKS = ['kubeControllerManager', 'kubeScheduler', 'kubeEtcd', 'kubeProxy', 'coreDns'] as const;

/**
 * Tempo (single binary) with the `traces` retention of config.retention; the
 * taxonomy labels on every object (`extraLabels`) and on its pods (`podLabels`),
 * which Gatekeeper's required-labels constraint demands in the observability namespace.
 */
export function tempoValues(view: ClusterView): Record<string, unknown> {
  const labels = labelsOf(view.labels, { Team: 'platform', Service: 'tempo' });
  return {
    extraLabels: labels,
    podLabels: labels,
    tempo: {
      repository: mirroredRepository(view.facts.ecrRegistry, 'docker-hub', 'grafana/tempo'),
      retention: `${view.retentionDays.traces * 24}h`,
      receivers: { otlp: { protocols: { grpc: { endpoint: '0.0.0.0:4317' }, http: { endpoint: '0.0.0.0:4318' } } } },
      securityContext: hardened,
      resources: { requests: { cpu: '500m', memory: '2Gi' }, limits: { cpu: '2', memory: '6Gi' } },
    },
    persistence: { enabled: true, storageClassName: 'gp3', size: '100Gi' },
  };
}
