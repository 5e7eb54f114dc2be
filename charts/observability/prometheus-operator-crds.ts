import { SYNC_WAVES } from '../sync-waves.js';
import type { HelmSource, PlatformComponent } from '../platform-components.js';
import { MONITORING_NAMESPACE } from './namespaces.js';

/** kube-prometheus-stack's chart: the monitoring CRDs and the stack itself come from this one archive. */
export const KUBE_PROMETHEUS_STACK_CHART: Pick<HelmSource, 'repoURL' | 'chart' | 'version'> = {
  repoURL: 'https://prometheus-community.github.io/helm-charts',
  chart: 'kube-prometheus-stack',
  version: '88.0.0',
};

/** Every part of the chart switched off but its `crds` subchart (rendered: the ten monitoring.coreos.com CRDs, nothing else). */
const CRDS_ONLY = {
  crds: { enabled: true },
  defaultRules: { create: false },
  ...Object.fromEntries(
    [
      'alertmanager',
      'grafana',
      'kubeApiServer',
      'kubelet',
      'kubeControllerManager',
      'coreDns',
      'kubeDns',
      'kubeEtcd',
      'kubeScheduler',
      'kubeProxy',
      'kubeStateMetrics',
      'nodeExporter',
      'prometheusOperator',
      'prometheus',
    ].map((part) => [part, { enabled: false }]),
  ),
};

/**
 * The monitoring CRDs on their own, at the CRD wave: ServiceMonitors and
 * rules of every other component (Argo Rollouts and OpenCost among the
 * operators) need them before kube-prometheus-stack itself, which waits for
 * its Grafana secret and Alertmanager configuration (charts/alerting).
 */
export const PROMETHEUS_OPERATOR_CRDS: PlatformComponent = {
  name: 'prometheus-operator-crds',
  namespace: MONITORING_NAMESPACE,
  syncWave: SYNC_WAVES.crds,
  helm: { ...KUBE_PROMETHEUS_STACK_CHART, values: CRDS_ONLY },
  // Deleting a CRD deletes every ServiceMonitor, rule and Alertmanager with it.
  prune: false,
  // The Prometheus and Alertmanager CRDs exceed the client-side last-applied annotation limit.
  serverSideApply: true,
  providesCrds: [
    'monitoring.coreos.com/Alertmanager',
    'monitoring.coreos.com/AlertmanagerConfig',
    'monitoring.coreos.com/PodMonitor',
    'monitoring.coreos.com/Probe',
    'monitoring.coreos.com/Prometheus',
    'monitoring.coreos.com/PrometheusAgent',
    'monitoring.coreos.com/PrometheusRule',
    'monitoring.coreos.com/ScrapeConfig',
    'monitoring.coreos.com/ServiceMonitor',
    'monitoring.coreos.com/ThanosRuler',
  ],
};
