import type { PlatformConfig } from '../schema/platform.js';

/**
 * The Secrets Manager secrets the clusters of an environment read through
 * External Secrets, whose values people fill out of band (webhook URLs,
 * routing keys, service settings). One list for both halves: the
 * `<env>-global-cluster-secrets` stack creates each (empty, encrypted,
 * replicated to every region of the environment) and the charts name them.
 */

/** A service's (or a platform tool's) application settings: one JSON document, `<env>/<owner>/app`. */
export function appSecretName(envName: string, owner: string): string {
  return `${envName}/${owner}/app`;
}

/** Falcosidekick's document (`{"SLACK_WEBHOOKURL": "https://hooks.slack.com/..."}`) is an app secret of this owner. */
export const FALCOSIDEKICK_SECRET_OWNER = 'falcosidekick';

export interface AlertingSecretNames {
  /** PagerDuty routing key per team with a Slack channel (config.delivery.alerting.slackChannels). */
  readonly pagerduty: Readonly<Record<string, string>>;
  readonly slack: string;
  /** The dead-man's switch URL the Watchdog heartbeat posts to. */
  readonly heartbeat: string;
  /** Grafana's admin login (`{"username","password"}`). */
  readonly grafanaAdmin: string;
}

/** Under the environment's prefix: the External Secrets role reads only `<env>/...` (ClusterFacts.secretPrefixes). */
export function alertingSecretNames(config: PlatformConfig, envName: string): AlertingSecretNames {
  const prefix = `${envName}/${config.delivery.alerting.secretsPrefix}`;
  const teams = Object.keys(config.delivery.alerting.slackChannels).sort();
  return {
    pagerduty: Object.fromEntries(teams.map((team) => [team, `${prefix}/pagerduty/${team}`])),
    slack: `${prefix}/slack`,
    heartbeat: `${prefix}/heartbeat`,
    grafanaAdmin: `${prefix}/grafana-admin`,
  };
}

/** One secret an operator fills: its name, what reads it and what value it holds. */
export interface OperatorSecret {
  readonly name: string;
  readonly description: string;
}

/** Every secret the environment's clusters read by name, sorted by name. */
export function operatorSecrets(config: PlatformConfig, envName: string): OperatorSecret[] {
  const alerting = alertingSecretNames(config, envName);
  const secrets: OperatorSecret[] = [
    ...Object.entries(alerting.pagerduty).map(([team, name]) => ({
      name,
      description: `PagerDuty Events v2 routing key of team ${team} (Alertmanager)`,
    })),
    { name: alerting.slack, description: 'Slack incoming-webhook URL Alertmanager posts to' },
    { name: alerting.heartbeat, description: "Dead-man's-switch URL the Watchdog heartbeat posts to every minute" },
    { name: alerting.grafanaAdmin, description: 'Grafana admin login: {"username": "...", "password": "..."}' },
    {
      name: appSecretName(envName, FALCOSIDEKICK_SECRET_OWNER),
      description: 'Falcosidekick settings: {"SLACK_WEBHOOKURL": "https://hooks.slack.com/..."}',
    },
    ...config.services.map((s) => ({
      name: appSecretName(envName, s.name),
      description: `Settings of ${s.name}: a JSON object of environment variables (may be {})`,
    })),
  ];
  return secrets.sort((a, b) => a.name.localeCompare(b.name));
}
