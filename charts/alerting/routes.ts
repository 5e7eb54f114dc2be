import type { Delivery } from '../../config/schema/slo.js';
import { RECEIVER_SECRET } from './names.js';

type Timing = Delivery['alerting']['page'];
export interface Matcher { name: string; value: string; matchType: '=' | '!=' | '=~' | '!~' }
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
      // The always-firing heartbeats of kube-prometheus-stack are for dead-man's switches, not people.
      { receiver: NULL_RECEIVER, matchers: [{ name: 'alertname', value: 'Watchdog|InfoInhibitor', matchType: '=~' }] },
      ...teamRoutes,
      { receiver: pagerdutyReceiver(fallbackTeam), matchers: [eq('severity', 'critical')], ...timing(alerting.page), continue: true },
      { receiver: slackReceiver(fallbackTeam), matchers: [eq('severity', 'critical')], ...timing(alerting.page) },
    ],
  };
}

/** Receivers: PagerDuty and Slack per team, credentials from the External Secrets-managed Secret. */
export function receivers(alerting: Delivery['alerting']): Record<string, unknown>[] {
  const teams = Object.keys(alerting.slackChannels).sort();
  return [
    { name: NULL_RECEIVER },
    ...teams.flatMap((team) => [
      {
        name: pagerdutyReceiver(team),
        pagerdutyConfigs: [{
          routingKey: { name: RECEIVER_SECRET, key: pagerdutyKey(team) },
          sendResolved: true,
          pagerDutyLinkConfigs: [{ href: '{{ .CommonAnnotations.runbook_url }}', alt: 'Runbook' }],
        }],
      },
      {
        name: slackReceiver(team),
        slackConfigs: [{
          apiURL: { name: RECEIVER_SECRET, key: SLACK_WEBHOOK_KEY },
          channel: alerting.slackChannels[team],
          sendResolved: true,
          title: '[{{ .Status | toUpper }}] {{ .CommonLabels.alertname }} ({{ .CommonLabels.severity }})',
          text: '{{ range .Alerts }}{{ .Annotations.summary }}\nRunbook: {{ .Annotations.runbook_url }}\n{{ end }}',
        }],
      },
    ]),
  ];
}

export const SLACK_WEBHOOK_KEY = 'slack-webhook';
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
