import type { Delivery } from '../../config/schema/slo.js';
import { RECEIVER_SECRET } from './names.js';

type Timing = Delivery['alerting']['page'];
export interface Matcher {
  name: string;
  value: string;
  matchType: '=' | '!=' | '=~' | '!~';
}
export interface Route {
  receiver: string;
  matchers?: Matcher[];
  groupBy?: string[];
  groupWait?: string;
  groupInterval?: string;
  repeatInterval?: string;
  continue?: boolean;
  routes?: Route[];
}

const eq = (name: string, value: string): Matcher => ({ name, value, matchType: '=' });
const timing = (t: Timing) => ({ groupWait: t.groupWait, groupInterval: t.groupInterval, repeatInterval: t.repeatInterval });

export const pagerdutyReceiver = (team: string) => `pagerduty-${team}`;
export const slackReceiver = (team: string) => `slack-${team}`;
export const NULL_RECEIVER = 'null';
/** The dead-man's switch: an external service that pages when the Watchdog heartbeat stops arriving. */
export const HEARTBEAT_RECEIVER = 'heartbeat';
/** kube-prometheus-stack's always-firing alert: it reaches the switch only while Prometheus evaluates rules and Alertmanager delivers. */
export const WATCHDOG_ALERT = 'Watchdog';
/**
 * Heartbeat timing: sent at once, then re-sent every minute for as long as
 * the pipeline works, well inside a dead-man's switch period of a few minutes.
 */
export const HEARTBEAT_TIMING = { groupWait: '0s', groupInterval: '1m', repeatInterval: '1m' } as const;

/**
 * Routing by team and severity: a page goes to the team's PagerDuty service
 * and its Slack channel at page timing; anything else of the team goes to
 * Slack at ticket timing. Alerts with no team (cluster alerts of
 * kube-prometheus-stack) go to the platform team: critical ones page.
 */
export function alertRoute(alerting: Delivery['alerting'], fallbackTeam: string): Route {
  const teams = Object.keys(alerting.slackChannels).sort();
  const teamRoutes = teams.flatMap((team): Route[] => [
    { receiver: pagerdutyReceiver(team), matchers: [eq('team', team), eq('severity', 'page')], ...timing(alerting.page), continue: true },
    { receiver: slackReceiver(team), matchers: [eq('team', team), eq('severity', 'page')], ...timing(alerting.page) },
    { receiver: slackReceiver(team), matchers: [eq('team', team)], ...timing(alerting.ticket) },
  ]);
  return {
    receiver: slackReceiver(fallbackTeam),
    groupBy: ['alertname', 'team', 'slo_service', 'slo', 'namespace'],
    ...timing(alerting.ticket),
    routes: [
      // The Watchdog heartbeat feeds the dead-man's switch and stops here (no continue): it never reaches people.
      { receiver: HEARTBEAT_RECEIVER, matchers: [eq('alertname', WATCHDOG_ALERT)], groupBy: ['alertname'], ...HEARTBEAT_TIMING },
      // InfoInhibitor only exists to mute info alerts.
      { receiver: NULL_RECEIVER, matchers: [eq('alertname', 'InfoInhibitor')] },
      ...teamRoutes,
      { receiver: pagerdutyReceiver(fallbackTeam), matchers: [eq('severity', 'critical')], ...timing(alerting.page), continue: true },
      { receiver: slackReceiver(fallbackTeam), matchers: [eq('severity', 'critical')], ...timing(alerting.page) },
    ],
  };
}

/** Receivers: the heartbeat, PagerDuty and Slack per team, URLs and keys from the External Secrets-managed Secret. */
export function receivers(alerting: Delivery['alerting']): Record<string, unknown>[] {
  const teams = Object.keys(alerting.slackChannels).sort();
  return [
    { name: NULL_RECEIVER },
    // The switch alarms on silence, so a resolved message has nothing to say.
    { name: HEARTBEAT_RECEIVER, webhookConfigs: [{ urlSecret: { name: RECEIVER_SECRET, key: HEARTBEAT_URL_KEY }, sendResolved: false }] },
    ...teams.flatMap((team) => [
      {
        name: pagerdutyReceiver(team),
        pagerdutyConfigs: [
          {
            routingKey: { name: RECEIVER_SECRET, key: pagerdutyKey(team) },
            sendResolved: true,
            pagerDutyLinkConfigs: [{ href: '{{ .CommonAnnotations.runbook_url }}', alt: 'Runbook' }],
          },
        ],
      },
      {
        name: slackReceiver(team),
        slackConfigs: [
          {
            apiURL: { name: RECEIVER_SECRET, key: SLACK_WEBHOOK_KEY },
            channel: alerting.slackChannels[team],
            sendResolved: true,
            title: '[{{ .Status | toUpper }}] {{ .CommonLabels.alertname }} ({{ .CommonLabels.severity }})',
            text: '{{ range .Alerts }}{{ .Annotations.summary }}\nRunbook: {{ .Annotations.runbook_url }}\n{{ end }}',
          },
        ],
      },
    ]),
  ];
}

export const SLACK_WEBHOOK_KEY = 'slack-webhook';
/** Key of the dead-man's switch URL, from `<env>/<secretsPrefix>/heartbeat` (an account prerequisite, filled out of band). */
export const HEARTBEAT_URL_KEY = 'heartbeat-url';
export const pagerdutyKey = (team: string) => `pagerduty-${team}`;

/**
 * A page silences the ticket of the same SLO; a critical silences the warning
 * of the same alert and namespace: one notification per problem.
 */
export function inhibitRules(): Record<string, unknown>[] {
  return [
    { sourceMatch: [eq('severity', 'page')], targetMatch: [eq('severity', 'ticket')], equal: ['slo_service', 'slo'] },
    { sourceMatch: [eq('severity', 'critical')], targetMatch: [eq('severity', 'warning')], equal: ['alertname', 'namespace'] },
  ];
}
