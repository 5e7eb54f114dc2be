import { App } from 'cdk8s';
import { describe, expect, test } from 'vitest';
import { PrometheusRule } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PrometheusRule';
import { SloRulesChart } from '../../charts/observability/slo-rules.js';
import {
  compileSlo,
  errorBudget,
  SLO_SERIES,
  type AlertingRule,
  type RecordingRule,
  type SloSpec,
} from '../../charts/observability/slo/compile.js';
import { sloSpecs, windowSet } from '../../charts/observability/slo/specs.js';
import { burnRate, sliWindows, WINDOW_SETS } from '../../charts/observability/slo/windows.js';
import { labelBasis } from '../../config/derive/tags.js';
import type { PlatformConfig } from '../../config/schema/platform.js';
import { configWith, platformConfig } from '../support/platform.js';

/** The chart on its own, with props taken from a config's first environment. */
function rulesOf(config: PlatformConfig): any[] {
  const [envName = ''] = Object.keys(config.environments);
  return new SloRulesChart(new App(), 'slo-rules', {
    labels: labelBasis(config, envName),
    services: config.services,
    delivery: config.delivery,
  }).toJson();
}

const isAlert = (r: RecordingRule | AlertingRule): r is AlertingRule => 'alert' in r;

describe('window sets (SRE workbook, table 5-8)', () => {
  test.each([
    ['page', 0, '1h', '5m', 14.4],
    ['page', 1, '6h', '30m', 6],
    ['ticket', 0, '1d', '2h', 3],
    ['ticket', 1, '3d', '6h', 1],
  ] as const)('30d %s window %i is %s/%s at %sx', (severity, i, long, short, rate) => {
    const set = WINDOW_SETS['30d'];
    const w = set[severity][i];
    expect(w).toMatchObject({ long, short });
    expect(w && burnRate(set, w)).toBe(rate);
  });

  test('a 28-day period scales the burn rates by 28/30', () => {
    const set = WINDOW_SETS['28d'];
    expect(set.page.map((w) => burnRate(set, w))).toEqual([13.44, 5.6]);
  });

  test('SLIs are recorded over every alert window, shortest first', () => {
    expect(sliWindows(WINDOW_SETS['30d'])).toEqual(['5m', '30m', '1h', '2h', '6h', '1d', '3d']);
  });
});

describe('compileSlo (golden)', () => {
  const spec: SloSpec = {
    service: 'checkout',
    team: 'shop',
    namespace: 'team-shop',
    kind: 'availability',
    objectivePercent: 99.9,
    latencyThresholdMs: 250,
    runbookUrl: 'https://runbooks.example/slo#runbook-availability',
  };
  const groups = compileSlo(spec, WINDOW_SETS['30d']);

  test('three groups: SLI recordings, budget recordings, alerts', () => {
    expect(groups.map((g) => g.name)).toEqual([
      'slo-sli-recordings-checkout-availability',
      'slo-meta-recordings-checkout-availability',
      'slo-alerts-checkout-availability',
    ]);
  });

  test('the 5m SLI recording', () => {
    expect(groups[0]?.rules[0]).toEqual({
      record: 'slo:sli_error:ratio_rate5m',
      expr:
        'sum(rate(istio_requests_total{reporter="destination",destination_service_namespace="team-shop",destination_service_name="checkout",response_code=~"5.."}[5m]))\n/\n' +
        'sum(rate(istio_requests_total{reporter="destination",destination_service_namespace="team-shop",destination_service_name="checkout"}[5m]))',
      labels: { slo: 'availability', slo_service: 'checkout', team: 'shop', slo_window: '5m' },
    });
  });

  test('budget series', () => {
    const byName = Object.fromEntries((groups[1]?.rules ?? []).map((r) => [isAlert(r) ? r.alert : r.record, r.expr]));
    expect(byName).toEqual({
      'slo:objective:ratio': 'vector(0.999)',
      'slo:error_budget:ratio': 'vector(0.001)',
      'slo:sli_error:ratio_rate30d':
        'sum_over_time(slo:sli_error:ratio_rate5m{slo_service="checkout",slo="availability"}[30d])\n/ ignoring (slo_window)\ncount_over_time(slo:sli_error:ratio_rate5m{slo_service="checkout",slo="availability"}[30d])',
      'slo:period_burn_rate:ratio':
        'slo:sli_error:ratio_rate30d{slo_service="checkout",slo="availability"}\n/ ignoring (slo_window)\nslo:error_budget:ratio{slo_service="checkout",slo="availability"}',
      'slo:period_error_budget_remaining:ratio': '1 - slo:period_burn_rate:ratio{slo_service="checkout",slo="availability"}',
    });
  });

  test('the page alert', () => {
    const m = '{slo_service="checkout",slo="availability"}';
    const cond = (w: string, rate: number) => `max(slo:sli_error:ratio_rate${w}${m} > (${rate} * 0.001)) without (slo_window)`;
    expect(groups[2]?.rules[0]).toEqual({
      alert: 'CheckoutAvailabilityBudgetBurn',
      expr: `(\n  ${cond('5m', 14.4)}\n  and\n  ${cond('1h', 14.4)}\n)\nor\n(\n  ${cond('30m', 6)}\n  and\n  ${cond('6h', 6)}\n)`,
      labels: { slo: 'availability', slo_service: 'checkout', team: 'shop', severity: 'page' },
      annotations: {
        summary: 'checkout is burning its availability error budget too fast',
        description: 'checkout availability 99.9% SLO (30d): error budget burning at 14.4x over 1h/5m or 6x over 6h/30m.',
        runbook_url: 'https://runbooks.example/slo#runbook-availability',
      },
    });
  });

  test('the latency SLI counts requests above the bucket bound as errors', () => {
    const latency = compileSlo({ ...spec, kind: 'latency', objectivePercent: 99 }, WINDOW_SETS['30d']);
    const expr = (latency[0]?.rules[0] as RecordingRule).expr;
    expect(expr).toContain('istio_request_duration_milliseconds_bucket{');
    expect(expr).toContain(',le=~"250|250.0"}[5m]');
    expect(expr.startsWith('1 - (')).toBe(true);
  });
});

describe('SloRulesChart on the TradeSense config', () => {
  const config = platformConfig();
  const rules = rulesOf(config);
  const alerts = rules.flatMap((r) => r.spec.groups.flatMap((g: any) => g.rules.filter((x: any) => 'alert' in x)));

  test('one valid PrometheusRule per service', () => {
    expect(rules.map((r) => r.metadata.name)).toEqual(config.services.map((s) => `slo-${s.name}`));
    for (const r of rules) expect(() => new PrometheusRule(r).validate()).not.toThrow();
  });

  test('every alert has a severity, a summary and a runbook URL', () => {
    expect(alerts.length).toBe(config.services.length * 2 * 2);
    for (const a of alerts) {
      expect(['page', 'ticket']).toContain(a.labels.severity);
      expect(a.annotations.summary).toMatch(/\S/);
      expect(a.annotations.runbook_url).toMatch(/^https:\/\/.+#runbook-(availability|latency)$/);
    }
  });

  test('burn-rate thresholds match the workbook for the configured order-gateway SLO (99.95%)', () => {
    const budget = errorBudget(config.delivery.services['order-gateway']?.slo.availability ?? 0);
    expect(budget).toBe(0.0005);
    const mine = alerts.filter((a) => a.labels.slo_service === 'order-gateway' && a.labels.slo === 'availability');
    const page = mine.find((a) => a.labels.severity === 'page')?.expr as string;
    const ticket = mine.find((a) => a.labels.severity === 'ticket')?.expr as string;
    for (const [w, rate] of [
      ['5m', 14.4],
      ['1h', 14.4],
      ['30m', 6],
      ['6h', 6],
    ] as const)
      expect(page).toContain(`ratio_rate${w}{slo_service="order-gateway",slo="availability"} > (${rate} * 0.0005)`);
    for (const [w, rate] of [
      ['2h', 3],
      ['1d', 3],
      ['6h', 1],
      ['3d', 1],
    ] as const)
      expect(ticket).toContain(`ratio_rate${w}{slo_service="order-gateway",slo="availability"} > (${rate} * 0.0005)`);
  });

  test('error budget remaining is recorded for every SLO', () => {
    const recorded = rules.flatMap((r) =>
      r.spec.groups.flatMap((g: any) => g.rules.filter((x: any) => x.record === SLO_SERIES.budgetRemaining)),
    );
    expect(recorded.map((r) => `${r.labels.slo_service}/${r.labels.slo}`)).toEqual(
      sloSpecs(config.services, config.delivery).map((s) => `${s.service}/${s.kind}`),
    );
  });

  test('a 28-day period changes the thresholds', () => {
    const set = windowSet(
      configWith((c) => {
        c.delivery.sloPeriod = '28d';
      }).delivery.sloPeriod,
    );
    expect(burnRate(set, set.page[0])).toBe(13.44);
  });
});

describe('SLO config errors', () => {
  test('a latency bound that is not a histogram bucket', () => {
    expect(() =>
      configWith((c) => {
        (c.delivery.services['order-gateway'] as any).slo.latencyP99Ms = 300;
      }),
    ).toThrow(/latencyP99Ms 300 is not a histogram bucket bound; use one of .*250, 500/);
  });
  test('a 100% availability objective', () => {
    expect(() =>
      configWith((c) => {
        (c.delivery.services['risk-engine'] as any).slo.availability = 100;
      }),
    ).toThrow(/a 100% SLO has no error budget/);
  });
  test('a service without a delivery entry', () => {
    expect(() =>
      configWith((c) => {
        delete c.delivery.services['portfolio-api'];
      }),
    ).toThrow(/service portfolio-api has no delivery entry/);
  });
  test('a delivery entry naming no service', () => {
    expect(() =>
      configWith((c) => {
        c.delivery.services.ghost = structuredClone(c.delivery.services['risk-engine'] as any);
      }),
    ).toThrow(/delivery entry 'ghost' names no service/);
  });
});
