/**
 * A small typed builder for Grafana dashboard JSON (schemaVersion 39), enough
 * for stat and time-series panels over Prometheus. Panels are laid out two per
 * row in the order given, so a dashboard is data, not coordinates.
 */
export const DASHBOARD_LABEL = 'grafana_dashboard';
/** Data source uid kube-prometheus-stack gives its Prometheus. */
export const PROMETHEUS_DATASOURCE = { type: 'prometheus', uid: 'prometheus' } as const;

export interface Query {
  readonly expr: string;
  readonly legend: string;
}

export interface PanelSpec {
  readonly title: string;
  readonly type: 'stat' | 'timeseries';
  readonly queries: readonly Query[];
  /** Grafana unit id, e.g. percentunit, s, ms, currencyUSD, short. */
  readonly unit: string;
  readonly description?: string;
}

export interface DashboardSpec {
  readonly uid: string;
  readonly title: string;
  readonly tags: readonly string[];
  readonly panels: readonly PanelSpec[];
}

export interface GrafanaPanel {
  id: number;
  type: string;
  title: string;
  description: string;
  datasource: { type: string; uid: string };
  gridPos: { x: number; y: number; w: number; h: number };
  targets: { refId: string; expr: string; legendFormat: string; datasource: { type: string; uid: string } }[];
  fieldConfig: { defaults: { unit: string }; overrides: never[] };
  options: Record<string, unknown>;
}

export interface GrafanaDashboard {
  uid: string;
  title: string;
  tags: string[];
  timezone: string;
  schemaVersion: number;
  version: number;
  editable: boolean;
  refresh: string;
  time: { from: string; to: string };
  templating: { list: never[] };
  annotations: { list: never[] };
  panels: GrafanaPanel[];
}

const REF_IDS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

export function dashboard(spec: DashboardSpec): GrafanaDashboard {
  return {
    uid: spec.uid,
    title: spec.title,
    tags: [...spec.tags],
    timezone: 'utc',
    schemaVersion: 39,
    version: 1,
    // Edits belong in this repo: a UI edit would be overwritten by the sidecar.
    editable: false,
    refresh: '1m',
    time: { from: 'now-24h', to: 'now' },
    templating: { list: [] },
    annotations: { list: [] },
    panels: spec.panels.map((p, i) => ({
      id: i + 1,
      type: p.type,
      title: p.title,
      description: p.description ?? '',
      datasource: { ...PROMETHEUS_DATASOURCE },
      gridPos: { x: (i % 2) * 12, y: Math.floor(i / 2) * 8, w: 12, h: 8 },
      targets: p.queries.map((q, j) => ({
        refId: REF_IDS[j] ?? `Q${j}`,
        expr: q.expr,
        legendFormat: q.legend,
        datasource: { ...PROMETHEUS_DATASOURCE },
      })),
      fieldConfig: { defaults: { unit: p.unit }, overrides: [] },
      options:
        p.type === 'stat'
          ? { reduceOptions: { calcs: ['lastNotNull'] }, colorMode: 'value' }
          : { legend: { displayMode: 'table', placement: 'bottom' } },
    })),
  };
}
