import { DORA_SERIES } from '../../config/derive/cluster-names.js';
import type { DoraFigures } from './metrics.js';

const HELP: Record<keyof typeof DORA_SERIES, string> = {
  deployments: 'Deployments that finished in the reporting window.',
  deploymentsPerDay: 'Successful deployments per day over the reporting window.',
  leadTimeMedian: 'Median time from commit to successful deployment, in seconds.',
  changeFailureRatio: 'Share of deployments that failed, were aborted or rolled back.',
  timeToRestoreMean: 'Mean time from a failed change to the service restored, in seconds.',
};

const VALUE: Record<keyof typeof DORA_SERIES, (f: DoraFigures) => number | undefined> = {
  deployments: (f) => f.deployments,
  deploymentsPerDay: (f) => f.deploymentsPerDay,
  leadTimeMedian: (f) => f.leadTimeMedianSeconds,
  changeFailureRatio: (f) => f.changeFailureRatio,
  timeToRestoreMean: (f) => f.timeToRestoreMeanSeconds,
};

const format = (n: number) => String(Number(n.toPrecision(6)));

/** Prometheus text exposition (for the node-exporter textfile collector or a Pushgateway); undefined figures are left out. */
export function prometheusText(figures: DoraFigures[]): string {
  const keys = Object.keys(DORA_SERIES) as (keyof typeof DORA_SERIES)[];
  return (
    keys
      .map((key) => {
        const name = DORA_SERIES[key];
        const samples = figures.flatMap((f) => {
          const v = VALUE[key](f);
          return v === undefined ? [] : [`${name}{environment="${f.environment}"} ${format(v)}`];
        });
        return [`# HELP ${name} ${HELP[key]}`, `# TYPE ${name} gauge`, ...samples].join('\n');
      })
      .join('\n') + '\n'
  );
}
