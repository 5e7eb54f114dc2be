import { labelsOf } from '../../config/derive/tags.js';
import { MONITORING_NAMESPACE } from '../observability/namespaces.js';
import type { PlatformComponent } from '../platform-components.js';
import { SYNC_WAVES } from '../sync-waves.js';
import { AlertingChart } from './alerting.js';

/**
 * Alertmanager routing and the secrets of Alertmanager and Grafana: after the
 * ClusterSecretStore (operators + 1) and the monitoring CRDs (crds wave), and
 * before kube-prometheus-stack (operators + 3), whose Alertmanager loads this
 * AlertmanagerConfig and whose Grafana reads the admin Secret at start.
 */
export const ALERTING_COMPONENTS: readonly PlatformComponent[] = [
  {
    name: 'alerting',
    namespace: MONITORING_NAMESPACE,
    syncWave: SYNC_WAVES.operators + 2,
    charts: [
      {
        id: 'alerting',
        render: (scope, id, view) =>
          new AlertingChart(scope, id, {
            labels: labelsOf(view.labels, { Service: 'alerting' }),
            alerting: view.delivery.alerting,
            secretNames: view.alertingSecrets,
            fallbackTeam: view.ownerTeam,
            refreshInterval: view.gitops.secretRefreshInterval,
          }),
      },
    ],
  },
];
