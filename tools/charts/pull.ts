import type { ChartLock, LockedChart } from '../helm/chart-lock.js';

/** Helm repositories are https URLs; OCI registries are named without the scheme, as Argo CD names them. */
export function pullArgs(entry: Pick<LockedChart, 'repoURL' | 'chart' | 'version'>, destination: string): string[] {
  const source = /^https?:\/\//.test(entry.repoURL) ? [entry.chart, '--repo', entry.repoURL] : [`oci://${entry.repoURL}/${entry.chart}`];
  return ['pull', ...source, '--version', entry.version, '--destination', destination];
}

/** The lock with `entry` in place of the chart's previous version, sorted by chart. */
export function withEntry(lock: ChartLock, entry: LockedChart): ChartLock {
  const charts = [...lock.charts.filter((c) => c.chart !== entry.chart), entry].sort((a, b) => a.chart.localeCompare(b.chart));
  return { ...lock, charts };
}
