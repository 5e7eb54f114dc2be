import { SLO_SERIES, type SloSpec } from '../slo/compile.js';
import { sliWindows, type WindowSet } from '../slo/windows.js';
import { dashboard, type GrafanaDashboard, type PanelSpec } from './grafana.js';

/** SLO/SLI of one service: SLI, budget left, burn rates over the alert windows, error ratio vs budget. */
export function sloDashboard(service: string, specs: readonly SloSpec[], set: WindowSet): GrafanaDashboard {
  const panels = specs.flatMap((spec): PanelSpec[] => {
    const m = `{slo_service="${spec.service}",slo="${spec.kind}"}`;
    const name =
      spec.kind === 'availability'
        ? `Availability (objective ${spec.objectivePercent}%)`
        : `Latency under ${spec.latencyThresholdMs} ms (objective ${spec.objectivePercent}%)`;
    const burn = (w: string) => `${SLO_SERIES.errorRatio(w)}${m} / ignoring (slo_window) ${SLO_SERIES.errorBudget}${m}`;
    const longWindows = [...set.page, ...set.ticket].map((w) => w.long);
    const shortest = sliWindows(set)[0] ?? '5m';
    return [
      {
        title: `${name}: SLI over ${set.period}`,
        type: 'stat',
        unit: 'percentunit',
        queries: [{ expr: `1 - ${SLO_SERIES.errorRatio(set.period)}${m}`, legend: 'SLI' }],
      },
      {
        title: `${name}: error budget remaining`,
        type: 'stat',
        unit: 'percentunit',
        queries: [{ expr: `${SLO_SERIES.budgetRemaining}${m}`, legend: 'budget left' }],
      },
      {
        title: `${name}: burn rate`,
        type: 'timeseries',
        unit: 'short',
        description: 'Budget burn rate over the alert windows; 1 spends exactly the budget over the SLO period.',
        queries: longWindows.map((w) => ({ expr: burn(w), legend: w })),
      },
      {
        title: `${name}: error ratio`,
        type: 'timeseries',
        unit: 'percentunit',
        queries: [
          { expr: `${SLO_SERIES.errorRatio(shortest)}${m}`, legend: `error ratio ${shortest}` },
          { expr: `${SLO_SERIES.errorBudget}${m}`, legend: 'error budget' },
        ],
      },
    ];
  });
  return dashboard({ uid: `slo-${service}`.slice(0, 40), title: `SLO / ${service}`, tags: ['slo', service], panels });
}
