import { describe, expect, test } from 'vitest';
import { AlertmanagerConfig } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1alpha1/AlertmanagerConfig';
import { HEARTBEAT_RECEIVER, HEARTBEAT_TIMING, HEARTBEAT_URL_KEY, WATCHDOG_ALERT, type Route } from '../../charts/alerting/routes.js';
import { SECRET_STORE } from '../../charts/external-secrets/names.js';
import { platformStates } from '../support/cluster-state.js';
import { chartObjects, clusterAt } from '../support/manifests.js';
import { platformConfig } from '../support/platform.js';

const config = platformConfig();
const prod = clusterAt('prod/us-east-1');
const objects = chartObjects(prod, 'alerting');
const amc = objects.find((o) => o.kind === 'AlertmanagerConfig');
const secrets = objects.filter((o) => o.kind === 'ExternalSecret');
const { alerting } = config.delivery;

interface Delivery {
  receiver: string;
  groupWait?: string;
  repeatInterval?: string;
}

/** Alertmanager's routing: depth first; a matching child ends the search unless it says continue; no matching child = this route. */
function deliver(route: Route, labels: Record<string, string>, inherited: Partial<Route> = {}): Delivery[] {
  const timing = { groupWait: route.groupWait ?? inherited.groupWait, repeatInterval: route.repeatInterval ?? inherited.repeatInterval };
  const out: Delivery[] = [];
  for (const child of route.routes ?? []) {
    const ok = (child.matchers ?? []).every((m) => {
      const v = labels[m.name] ?? '';
      if (m.matchType === '=') return v === m.value;
      if (m.matchType === '=~') return new RegExp(`^(?:${m.value})$`).test(v);
      throw new Error(`matchType ${m.matchType} not simulated`);
    });
    if (!ok) continue;
    out.push(...deliver(child, labels, timing));
    if (!child.continue) return out;
  }
  return out.length > 0 ? out : [{ receiver: route.receiver, ...timing }];
}

const route = amc.spec.route as Route;
const receiversOf = (labels: Record<string, string>) => deliver(route, labels).map((d) => d.receiver);

describe('AlertmanagerConfig', () => {
  test('validates and is the global configuration', () => {
    expect(() => new AlertmanagerConfig(amc).validate()).not.toThrow();
    expect(amc.metadata).toMatchObject({ name: 'tradesense', namespace: 'monitoring' });
  });

  test.each([
    ['a page of trading', { team: 'trading', severity: 'page' }, ['pagerduty-trading', 'slack-trading']],
    ['a ticket of risk', { team: 'risk', severity: 'ticket' }, ['slack-risk']],
    [
      'a cluster critical with no team',
      { alertname: 'KubePodCrashLooping', severity: 'critical' },
      ['pagerduty-platform', 'slack-platform'],
    ],
    ['a cluster warning with no team', { alertname: 'KubeCPUOvercommit', severity: 'warning' }, ['slack-platform']],
    ["the Watchdog heartbeat, to the dead-man's switch only", { alertname: 'Watchdog', severity: 'none' }, ['heartbeat']],
    [
      'a Watchdog that claims to be critical, still to the switch only',
      { alertname: 'Watchdog', severity: 'critical', team: 'trading' },
      ['heartbeat'],
    ],
    ['InfoInhibitor', { alertname: 'InfoInhibitor', severity: 'none' }, ['null']],
  ])('routes %s', (_what, labels, expected) => {
    expect(receiversOf(labels)).toEqual(expected);
  });

  test('pages are delivered at page timing, tickets at ticket timing (15-minute MTTR)', () => {
    for (const d of deliver(route, { team: 'trading', severity: 'page' })) {
      expect(d).toMatchObject({ groupWait: alerting.page.groupWait, repeatInterval: alerting.page.repeatInterval });
    }
    expect(deliver(route, { team: 'risk', severity: 'ticket' })[0]).toMatchObject({
      groupWait: alerting.ticket.groupWait,
      repeatInterval: alerting.ticket.repeatInterval,
    });
    const unit: Record<string, number> = { s: 1, m: 60, h: 3600 };
    const seconds = (d: string) => Number(d.slice(0, -1)) * (unit[d.slice(-1)] ?? Number.NaN);
    expect(seconds(alerting.page.groupWait) + seconds(alerting.page.groupInterval)).toBeLessThan(5 * 60);
    expect(seconds(alerting.page.repeatInterval)).toBeLessThanOrEqual(15 * 60);
  });

  test('every SLO alert reaches its owning team', () => {
    const rules = chartObjects(prod, 'slo-rules').flatMap((r) => r.spec.groups.flatMap((g: any) => g.rules.filter((x: any) => x.alert)));
    for (const r of rules) {
      const got = receiversOf(r.labels);
      expect(got).toContain(`slack-${r.labels.team}`);
      if (r.labels.severity === 'page') expect(got).toContain(`pagerduty-${r.labels.team}`);
    }
  });

  test('every routed receiver is defined', () => {
    const defined = new Set(amc.spec.receivers.map((r: any) => r.name));
    const walk = (r: Route): string[] => [r.receiver, ...(r.routes ?? []).flatMap(walk)];
    for (const name of walk(route)) expect(defined).toContain(name);
  });

  test('a page inhibits the ticket of the same SLO; a critical the warning of the same alert', () => {
    expect(amc.spec.inhibitRules).toEqual([
      {
        sourceMatch: [{ name: 'severity', value: 'page', matchType: '=' }],
        targetMatch: [{ name: 'severity', value: 'ticket', matchType: '=' }],
        equal: ['slo_service', 'slo'],
      },
      {
        sourceMatch: [{ name: 'severity', value: 'critical', matchType: '=' }],
        targetMatch: [{ name: 'severity', value: 'warning', matchType: '=' }],
        equal: ['alertname', 'namespace'],
      },
    ]);
  });
});

describe('receiver secrets', () => {
  const receiverSecret = secrets.find((s) => s.metadata.name === 'alertmanager-receivers');

  test('come from Secrets Manager through the cluster store, never from git', () => {
    for (const s of secrets) expect(s.spec.secretStoreRef).toEqual({ kind: 'ClusterSecretStore', name: SECRET_STORE });
    expect(JSON.stringify(amc)).not.toMatch(/hooks\.slack\.com|events\.pagerduty\.com/);
  });

  test('hold every key the receivers read', () => {
    const provided = new Set(receiverSecret.spec.data.map((d: any) => d.secretKey));
    const refs = amc.spec.receivers.flatMap((r: any) => [
      ...(r.pagerdutyConfigs ?? []).map((p: any) => p.routingKey),
      ...(r.slackConfigs ?? []).map((s: any) => s.apiURL),
    ]);
    expect(refs.length).toBe(Object.keys(alerting.slackChannels).length * 2);
    for (const ref of refs) {
      expect(ref.name).toBe('alertmanager-receivers');
      expect(provided).toContain(ref.key);
    }
    expect(receiverSecret.spec.data.find((d: any) => d.secretKey === 'pagerduty-trading').remoteRef).toEqual({
      key: `prod/${alerting.secretsPrefix}/pagerduty/trading`,
    });
  });
});

describe("the dead-man's switch", () => {
  test('Watchdog goes first, alone, to the heartbeat receiver every minute, and stops there', () => {
    const [first] = route.routes ?? [];
    expect(first).toEqual({
      receiver: HEARTBEAT_RECEIVER,
      matchers: [{ name: 'alertname', value: WATCHDOG_ALERT, matchType: '=' }],
      groupBy: ['alertname'],
      ...HEARTBEAT_TIMING,
    });
    expect(first?.continue).toBeUndefined();
    expect(deliver(route, { alertname: WATCHDOG_ALERT, severity: 'none' })).toEqual([
      { receiver: HEARTBEAT_RECEIVER, groupWait: '0s', repeatInterval: '1m' },
    ]);
    // Nothing else routes to the switch: a real alert never feeds the heartbeat.
    const walk = (r: Route): Route[] => [r, ...(r.routes ?? []).flatMap(walk)];
    expect(walk(route).filter((r) => r.receiver === HEARTBEAT_RECEIVER)).toHaveLength(1);
  });

  test('the heartbeat is a webhook whose URL comes from <env>/<prefix>/heartbeat through External Secrets', () => {
    const heartbeat = amc.spec.receivers.find((r: any) => r.name === HEARTBEAT_RECEIVER);
    expect(heartbeat).toEqual({
      name: HEARTBEAT_RECEIVER,
      webhookConfigs: [{ urlSecret: { name: 'alertmanager-receivers', key: HEARTBEAT_URL_KEY }, sendResolved: false }],
    });
    const receiverSecret = secrets.find((x) => x.metadata.name === 'alertmanager-receivers');
    expect(receiverSecret.spec.data).toContainEqual({
      secretKey: HEARTBEAT_URL_KEY,
      remoteRef: { key: `prod/${alerting.secretsPrefix}/heartbeat` },
    });
  });

  test('kube-prometheus-stack renders the always-firing Watchdog alert that feeds it, in every cluster', async () => {
    for (const state of await platformStates()) {
      const alerts = state.objects
        .filter((o) => o.application === 'kube-prometheus-stack' && o.kind === 'PrometheusRule')
        .flatMap((o) => ((o.body.spec as any)?.groups ?? []).flatMap((g: any) => g.rules ?? []))
        .filter((r: any) => r.alert === WATCHDOG_ALERT);
      expect(
        alerts.map((r: any) => r.expr),
        state.dir,
      ).toEqual(['vector(1)']);
    }
  });
});
