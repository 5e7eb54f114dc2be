import type { PlatformComponent } from '../platform-components.js';
import { SYNC_WAVES } from '../argocd/sync-waves.js';
import { MONITORING_NAMESPACE } from '../observability/namespaces.js';

/**
 * Alertmanager routing and the secrets of Alertmanager and Grafana: after the
 * ClusterSecretStore (operators + 1) and the monitoring CRDs (crds wave), and
 * before kube-prometheus-stack (operators + 3), whose Alertmanager loads this
 * AlertmanagerConfig and whose Grafana reads the admin Secret at start.
 */
export const ALERTING_COMPONENTS: PlatformComponent[] = [
  { name: 'alerting', namespace: MONITORING_NAMESPACE, syncWave: SYNC_WAVES.operators + 2, manifests: ['alerting.k8s.yaml'] },
];
