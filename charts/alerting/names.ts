/** The AlertmanagerConfig kube-prometheus-stack uses as Alertmanager's global configuration. */
export const ALERTMANAGER_CONFIG_NAME = 'tradesense';
/** Secret (from Secrets Manager via External Secrets) holding Grafana's admin login. */
export const GRAFANA_ADMIN_SECRET = 'grafana-admin';
/** Secret holding the PagerDuty routing keys (one key per team) and the Slack webhook. */
export const RECEIVER_SECRET = 'alertmanager-receivers';
