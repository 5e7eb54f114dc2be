import { dashboard, type GrafanaDashboard } from './grafana.js';

/** Hours in an average month: OpenCost prices are hourly. */
const HOURS_PER_MONTH = 730;

/** Hourly cost of each container's CPU and memory allocation, priced per node by OpenCost. */
const CONTAINER_HOURLY_COST =
  '(container_cpu_allocation * on (node) group_left () node_cpu_hourly_cost)' +
  ' + (container_memory_allocation_bytes / 1073741824 * on (node) group_left () node_ram_hourly_cost)';

/**
 * Cost by namespace and team from OpenCost's allocation and price series;
 * teams come from the namespaces' team label as kube-state-metrics exports it.
 * @param teamLabelSeries the kube_namespace_labels label holding the team, e.g. label_tradesense_io_team
 */
export function costDashboard(teamLabelSeries: string): GrafanaDashboard {
  const byNamespace = `sum by (namespace) (${CONTAINER_HOURLY_COST})`;
  const byTeam = `sum by (${teamLabelSeries}) (${byNamespace} * on (namespace) group_left (${teamLabelSeries}) kube_namespace_labels)`;
  return dashboard({
    uid: 'tradesense-cost',
    title: 'TradeSense / cost by namespace and team',
    tags: ['cost', 'opencost'],
    panels: [
      {
        title: 'Cluster cost (USD per month)',
        type: 'stat',
        unit: 'currencyUSD',
        queries: [{ expr: `sum(node_total_hourly_cost) * ${HOURS_PER_MONTH}`, legend: 'nodes' }],
      },
      {
        title: 'Idle share of node cost',
        type: 'stat',
        unit: 'percentunit',
        description: 'Node cost not allocated to any container: right-sizing headroom.',
        queries: [{ expr: `1 - sum(${CONTAINER_HOURLY_COST}) / sum(node_total_hourly_cost)`, legend: 'idle' }],
      },
      {
        title: 'Cost by namespace (USD per month)',
        type: 'timeseries',
        unit: 'currencyUSD',
        queries: [{ expr: `${byNamespace} * ${HOURS_PER_MONTH}`, legend: '{{namespace}}' }],
      },
      {
        title: 'Cost by team (USD per month)',
        type: 'timeseries',
        unit: 'currencyUSD',
        queries: [{ expr: `${byTeam} * ${HOURS_PER_MONTH}`, legend: `{{${teamLabelSeries}}}` }],
      },
    ],
  });
}
