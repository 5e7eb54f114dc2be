import { ApiObject, Chart } from 'cdk8s';
import type { Construct } from 'constructs';
import type { AlertingSecretNames } from '../../config/derive/secrets.js';
import type { Delivery } from '../../config/schema/slo.js';
import { SECRET_STORE } from '../external-secrets/names.js';
import { MONITORING_NAMESPACE } from '../observability/namespaces.js';
import { ALERTMANAGER_CONFIG_NAME, GRAFANA_ADMIN_SECRET, RECEIVER_SECRET } from './names.js';
import { alertRoute, HEARTBEAT_URL_KEY, inhibitRules, pagerdutyKey, receivers, SLACK_WEBHOOK_KEY } from './routes.js';

export interface AlertingProps {
  /** The taxonomy labels of the secrets and the configuration. */
  readonly labels: Record<string, string>;
  /** Routing by team and severity (config.delivery.alerting). */
  readonly alerting: Delivery['alerting'];
  /** The Secrets Manager names of the receivers' keys and Grafana's login. */
  readonly secretNames: AlertingSecretNames;
  /** Who gets the alerts of no team: the environment's owner. */
  readonly fallbackTeam: string;
  /** How often External Secrets re-reads Secrets Manager (config.gitops.secretRefreshInterval). */
  readonly refreshInterval: string;
}

/**
 * Alertmanager's configuration (an AlertmanagerConfig kube-prometheus-stack
 * uses as the global config) and the secrets it and Grafana read, synced from
 * AWS Secrets Manager by External Secrets: no credential lives in git.
 */
export class AlertingChart extends Chart {
  constructor(scope: Construct, id: string, props: AlertingProps) {
    super(scope, id);
    const { alerting, labels, secretNames: names } = props;
    const externalSecret = (name: string, data: { secretKey: string; key: string; property?: string }[]) =>
      new ApiObject(this, name, {
        apiVersion: 'external-secrets.io/v1',
        kind: 'ExternalSecret',
        metadata: { name, namespace: MONITORING_NAMESPACE, labels },
        spec: {
          refreshInterval: props.refreshInterval,
          secretStoreRef: { kind: 'ClusterSecretStore', name: SECRET_STORE },
          target: { name, creationPolicy: 'Owner' },
          data: data.map(({ secretKey, key, property }) => ({ secretKey, remoteRef: property ? { key, property } : { key } })),
        },
      });
    externalSecret(RECEIVER_SECRET, [
      ...Object.entries(names.pagerduty).map(([team, key]) => ({ secretKey: pagerdutyKey(team), key })),
      { secretKey: SLACK_WEBHOOK_KEY, key: names.slack },
      { secretKey: HEARTBEAT_URL_KEY, key: names.heartbeat },
    ]);
    externalSecret(GRAFANA_ADMIN_SECRET, [
      { secretKey: 'admin-user', key: names.grafanaAdmin, property: 'username' },
      { secretKey: 'admin-password', key: names.grafanaAdmin, property: 'password' },
    ]);
    new ApiObject(this, 'alertmanager-config', {
      apiVersion: 'monitoring.coreos.com/v1alpha1',
      kind: 'AlertmanagerConfig',
      metadata: { name: ALERTMANAGER_CONFIG_NAME, namespace: MONITORING_NAMESPACE, labels },
      spec: {
        route: alertRoute(alerting, props.fallbackTeam),
        receivers: receivers(alerting),
        inhibitRules: inhibitRules(),
      },
    });
  }
}
