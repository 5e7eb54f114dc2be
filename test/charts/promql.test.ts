import { describe, expect, test } from 'vitest';
import type { StateObject } from '../../policies/cluster-state/types.js';
import { platformStates } from '../support/cluster-state.js';
import { promqlErrors } from '../support/promql.js';

type Json = Record<string, any>;

/** Every PromQL expression of one object: rule expressions, analysis queries, dashboard targets. */
function expressions(o: StateObject): string[] {
  const spec = (o.body.spec ?? {}) as Json;
  if (o.kind === 'PrometheusRule') return (spec.groups ?? []).flatMap((g: Json) => (g.rules ?? []).map((r: Json) => String(r.expr)));
  if (o.kind === 'AnalysisTemplate' || o.kind === 'ClusterAnalysisTemplate') {
    return (spec.metrics ?? []).flatMap((m: Json) => (m.provider?.prometheus?.query ? [String(m.provider.prometheus.query)] : []));
  }
  if (o.kind === 'ConfigMap' && (o.body.metadata as Json)?.labels?.grafana_dashboard === '1') {
    const out: string[] = [];
    const walk = (v: unknown): void => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object') {
        const x = v as Json;
        if (typeof x.expr === 'string' && x.expr !== '') out.push(x.expr);
        Object.values(x).forEach(walk);
      }
    };
    for (const text of Object.values((o.body.data ?? {}) as Record<string, string>)) walk(JSON.parse(text));
    return out;
  }
  return [];
}

describe('PromQL', () => {
  test("every expression of every cluster (ours and the charts') parses with the Prometheus grammar", async () => {
    let count = 0;
    const broken: string[] = [];
    for (const state of await platformStates()) {
      for (const o of state.objects) {
        for (const expr of expressions(o)) {
          count += 1;
          const errors = promqlErrors(expr);
          if (errors.length > 0) broken.push(`${state.dir} ${o.application} ${o.kind}/${o.name}: ${errors.join('; ')}\n${expr}`);
        }
      }
    }
    expect(broken).toEqual([]);
    expect(count).toBeGreaterThan(500);
  });

  test('the parser rejects broken PromQL (the check can fail)', () => {
    expect(promqlErrors('sum(rate(http_requests_total[5m])')).not.toEqual([]);
    expect(promqlErrors('histogram_quantile(0.99, sum by (le) (rate(x_bucket[$__rate_interval])))')).toEqual([]);
    expect(promqlErrors('sum(rate(x{service="{{args.service}}"}[5m])) or on() vector(0)')).toEqual([]);
  });
});
