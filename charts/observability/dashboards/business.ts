import { dashboard, type GrafanaDashboard } from './grafana.js';

/**
 * The business metrics the TradeSense services export (OpenTelemetry metrics,
 * as named once in Prometheus): the contract between service code and this
 * dashboard, documented in docs/delivery-and-observability.md.
 */
export const BUSINESS_METRICS = {
  /** Counter of accepted orders; labels: side, venue. */
  orders: 'tradesense_orders_total',
  /** Counter of rejected orders; label: reason. */
  rejected: 'tradesense_orders_rejected_total',
  /** Histogram of order-to-fill time in seconds. */
  fillLatency: 'tradesense_order_fill_latency_seconds',
  /** Counter of filled notional in USD; label: venue. */
  tradedNotional: 'tradesense_traded_notional_usd_total',
} as const;

export function businessDashboard(): GrafanaDashboard {
  const m = BUSINESS_METRICS;
  return dashboard({
    uid: 'tradesense-business',
    title: 'TradeSense / business',
    tags: ['business'],
    panels: [
      {
        title: 'Orders per minute',
        type: 'timeseries',
        unit: 'short',
        queries: [{ expr: `sum by (side) (rate(${m.orders}[5m])) * 60`, legend: '{{side}}' }],
      },
      {
        title: 'Fill latency',
        type: 'timeseries',
        unit: 's',
        queries: [0.5, 0.99].map((q) => ({
          expr: `histogram_quantile(${q}, sum by (le) (rate(${m.fillLatency}_bucket[5m])))`,
          legend: `p${q * 100}`,
        })),
      },
      {
        title: 'Rejected orders per minute',
        type: 'timeseries',
        unit: 'short',
        queries: [{ expr: `sum by (reason) (rate(${m.rejected}[5m])) * 60`, legend: '{{reason}}' }],
      },
      {
        title: 'Rejection rate',
        type: 'stat',
        unit: 'percentunit',
        queries: [
          { expr: `sum(rate(${m.rejected}[15m])) / (sum(rate(${m.orders}[15m])) + sum(rate(${m.rejected}[15m])))`, legend: 'rejected' },
        ],
      },
      {
        title: 'Traded volume (USD, 24h)',
        type: 'stat',
        unit: 'currencyUSD',
        queries: [{ expr: `sum(increase(${m.tradedNotional}[24h]))`, legend: 'notional' }],
      },
      {
        title: 'Traded volume by venue (USD per hour)',
        type: 'timeseries',
        unit: 'currencyUSD',
        queries: [{ expr: `sum by (venue) (increase(${m.tradedNotional}[1h]))`, legend: '{{venue}}' }],
      },
    ],
  });
}
