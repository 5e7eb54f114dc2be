import { DORA_SERIES } from '../../../config/derive/cluster-names.js';
import { dashboard, type GrafanaDashboard } from './grafana.js';

/** The four DORA keys, per environment, as the DORA tool exports them. */
export function doraDashboard(): GrafanaDashboard {
  const s = DORA_SERIES;
  const per = (series: string) => [{ expr: `max by (environment) (${series})`, legend: '{{environment}}' }];
  return dashboard({
    uid: 'tradesense-dora',
    title: 'TradeSense / DORA',
    tags: ['dora', 'delivery'],
    panels: [
      { title: 'Deployment frequency (per day; target > 10)', type: 'stat', unit: 'short', queries: per(s.deploymentsPerDay) },
      { title: 'Lead time for changes (median)', type: 'stat', unit: 's', queries: per(s.leadTimeMedian) },
      { title: 'Change failure rate (target < 5%)', type: 'stat', unit: 'percentunit', queries: per(s.changeFailureRatio) },
      { title: 'Time to restore (mean; target < 15 min)', type: 'stat', unit: 's', queries: per(s.timeToRestoreMean) },
      { title: 'Deployments in the window', type: 'timeseries', unit: 'short', queries: per(s.deployments) },
      { title: 'Change failure rate over time', type: 'timeseries', unit: 'percentunit', queries: per(s.changeFailureRatio) },
    ],
  });
}
