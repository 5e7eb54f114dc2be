import { Ajv } from 'ajv';
import { describe, expect, test } from 'vitest';
import { BUSINESS_METRICS } from '../../charts/observability/dashboards/business.js';
import { DORA_SERIES } from '../../config/derive/cluster-names.js';
import { prometheusText } from '../../tools/dora/prometheus.js';
import { chartObjects, renderedClusters } from '../support/manifests.js';
import { platformConfig } from '../support/platform.js';

const config = platformConfig();
const [cluster] = renderedClusters();
if (!cluster) throw new Error('no cluster');
const configMaps = chartObjects(cluster, 'dashboards');
const rules = chartObjects(cluster, 'slo-rules').flatMap((r) => r.spec.groups.flatMap((g: any) => g.rules));
const dashboards = configMaps.map((cm) => {
  const [key, text] = Object.entries(cm.data as Record<string, string>)[0] ?? ['', ''];
  return { cm, key, json: JSON.parse(text) };
});
const exprs = (d: any): string[] => d.panels.flatMap((p: any) => p.targets.map((t: any) => t.expr));

/** The Grafana dashboard model (schemaVersion 39) as far as these dashboards use it: closed objects. */
const closed = (properties: Record<string, unknown>, required = Object.keys(properties)) => ({
  type: 'object',
  properties,
  required,
  additionalProperties: false,
});
const str = { type: 'string' };
const num = { type: 'number' };
const datasource = closed({ type: { const: 'prometheus' }, uid: str });
const panel = closed({
  id: { type: 'integer', minimum: 1 },
  type: { enum: ['stat', 'timeseries'] },
  title: { type: 'string', minLength: 1 },
  description: str,
  datasource,
  gridPos: closed({
    x: { type: 'integer', minimum: 0, maximum: 23 },
    y: { type: 'integer', minimum: 0 },
    w: { type: 'integer', minimum: 1, maximum: 24 },
    h: { type: 'integer', minimum: 1 },
  }),
  targets: {
    type: 'array',
    minItems: 1,
    items: closed({ refId: { type: 'string', pattern: '^[A-Z]$' }, expr: { type: 'string', minLength: 1 }, legendFormat: str, datasource }),
  },
  fieldConfig: closed({ defaults: closed({ unit: { type: 'string', minLength: 1 } }), overrides: { type: 'array' } }),
  options: { type: 'object' },
});
const dashboardSchema = closed({
  uid: { type: 'string', pattern: '^[a-zA-Z0-9_-]{1,40}$' },
  title: { type: 'string', minLength: 1 },
  tags: { type: 'array', items: str },
  timezone: str,
  schemaVersion: num,
  version: num,
  editable: { type: 'boolean' },
  refresh: str,
  time: closed({ from: str, to: str }),
  templating: closed({ list: { type: 'array' } }),
  annotations: closed({ list: { type: 'array' } }),
  panels: { type: 'array', minItems: 1, items: panel },
});
const validate = new Ajv({ allErrors: true }).compile(dashboardSchema);

function balanced(expr: string): boolean {
  const pairs: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
  const stack: string[] = [];
  let quoted = false;
  for (const ch of expr) {
    if (ch === '"') quoted = !quoted;
    if (quoted) continue;
    if ('([{'.includes(ch)) stack.push(ch);
    else if (ch in pairs && stack.pop() !== pairs[ch]) return false;
  }
  return stack.length === 0 && !quoted;
}

describe.each(dashboards.map((d) => [d.json.title, d] as const))('dashboard %s', (_title, { cm, key, json }) => {
  test('is valid Grafana JSON for the sidecar', () => {
    expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
    expect(cm.metadata.labels.grafana_dashboard).toBe('1');
    expect(key).toBe(`${json.uid}.json`);
  });

  test('panels have unique ids and do not overlap', () => {
    const ids = json.panels.map((p: any) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    const cells = json.panels.flatMap((p: any) => {
      const out: string[] = [];
      for (let x = p.gridPos.x; x < p.gridPos.x + p.gridPos.w; x++)
        for (let y = p.gridPos.y; y < p.gridPos.y + p.gridPos.h; y++) out.push(`${x},${y}`);
      expect(p.gridPos.x + p.gridPos.w).toBeLessThanOrEqual(24);
      return out;
    });
    expect(new Set(cells).size).toBe(cells.length);
  });

  test('queries are balanced PromQL', () => {
    for (const e of exprs(json)) expect(balanced(e), e).toBe(true);
  });
});

test('dashboard uids are unique', () => {
  const uids = dashboards.map((d) => d.json.uid);
  expect(new Set(uids).size).toBe(uids.length);
});

describe('SLO dashboards query series the SLO rules record', () => {
  const slo = dashboards.filter((d) => d.json.tags.includes('slo'));

  test('one per service', () => {
    expect(slo.map((d) => d.json.uid)).toEqual(config.services.map((s) => `slo-${s.name}`));
  });

  test.each(slo.map((d) => [d.json.uid, d.json] as const))('%s', (_uid, json) => {
    const refs = exprs(json).flatMap((e) => [...e.matchAll(/(slo:[a-z_:0-9]+)\{([^}]*)\}/g)]);
    expect(refs.length).toBeGreaterThan(0);
    for (const [, series, matcher] of refs) {
      const wanted = Object.fromEntries([...(matcher ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
      const recorded = rules.filter((r: any) => r.record === series && Object.entries(wanted).every(([k, v]) => r.labels[k] === v));
      expect(recorded.length, `${series}{${matcher}} is not recorded by slo-rules`).toBe(1);
    }
  });
});

test('the business dashboard shows orders per minute, fill latency, rejections and traded volume', () => {
  const business = dashboards.find((d) => d.json.uid === 'tradesense-business')?.json;
  const all = exprs(business).join('\n');
  for (const metric of Object.values(BUSINESS_METRICS)) expect(all).toContain(metric);
  expect(business.panels.map((p: any) => p.title)).toEqual(
    expect.arrayContaining(['Orders per minute', 'Fill latency', 'Rejected orders per minute']),
  );
});

test('the cost dashboard prices OpenCost allocations by namespace and by the team label', () => {
  const cost = exprs(dashboards.find((d) => d.json.uid === 'tradesense-cost')?.json);
  expect(
    cost.some((e) => e.includes('sum by (namespace)') && e.includes('node_cpu_hourly_cost') && e.includes('node_ram_hourly_cost')),
  ).toBe(true);
  expect(cost.some((e) => e.includes('group_left (label_tradesense_io_team) kube_namespace_labels'))).toBe(true);
});

test('the DORA dashboard queries exactly the series the DORA tool exports', () => {
  const dora = exprs(dashboards.find((d) => d.json.uid === 'tradesense-dora')?.json);
  const exported = prometheusText([
    {
      environment: 'prod',
      deployments: 1,
      successful: 1,
      failed: 0,
      deploymentsPerDay: 1,
      leadTimeMedianSeconds: 1,
      changeFailureRatio: 0,
      timeToRestoreMeanSeconds: 1,
      unrestored: 0,
    },
  ]);
  const names = new Set([...exported.matchAll(/^(dora_\w+)\{/gm)].map((m) => m[1]));
  const queried = new Set(dora.flatMap((e) => [...e.matchAll(/\b(dora_\w+)\b/g)].map((m) => m[1])));
  expect([...queried].sort()).toEqual([...names].sort());
  expect([...names].sort()).toEqual(Object.values(DORA_SERIES).sort());
});
