import { errorRatioQuery, type SloKind } from './sli.js';
import { burnRate, sliWindows, tidy, type BurnWindow, type WindowSet } from './windows.js';

/** One SLO of one service: what the compiler needs, nothing cluster-specific. */
export interface SloSpec {
  readonly service: string;
  readonly team: string;
  readonly namespace: string;
  readonly kind: SloKind;
  /** Objective in percent, e.g. 99.95. */
  readonly objectivePercent: number;
  /** Bound of the latency SLI (used when kind is latency). */
  readonly latencyThresholdMs: number;
  readonly runbookUrl: string;
}

export interface RecordingRule {
  readonly record: string;
  readonly expr: string;
  readonly labels: Record<string, string>;
}

export interface AlertingRule {
  readonly alert: string;
  readonly expr: string;
  readonly labels: Record<string, string>;
  readonly annotations: Record<string, string>;
}

export interface RuleGroup {
  readonly name: string;
  readonly rules: readonly (RecordingRule | AlertingRule)[];
}

/** Names of the series the compiler records (dashboards and tests read them from here). */
export const SLO_SERIES = {
  errorRatio: (window: string) => `slo:sli_error:ratio_rate${window}`,
  objective: 'slo:objective:ratio',
  errorBudget: 'slo:error_budget:ratio',
  periodBurnRate: 'slo:period_burn_rate:ratio',
  budgetRemaining: 'slo:period_error_budget_remaining:ratio',
} as const;

export const SEVERITIES = ['page', 'ticket'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Error budget as a ratio: 99.95 -> 0.0005. */
export function errorBudget(objectivePercent: number): number {
  return tidy((100 - objectivePercent) / 100);
}

export function sloLabels(spec: SloSpec): Record<string, string> {
  return { slo: spec.kind, slo_service: spec.service, team: spec.team };
}

function matcher(spec: SloSpec): string {
  return `{slo_service="${spec.service}",slo="${spec.kind}"}`;
}

const pascal = (s: string) =>
  s
    .split('-')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');

export function alertName(spec: SloSpec): string {
  return `${pascal(spec.service)}${pascal(spec.kind)}BudgetBurn`;
}

function sliRecordings(spec: SloSpec, set: WindowSet): RecordingRule[] {
  const target = { namespace: spec.namespace, serviceName: spec.service };
  return sliWindows(set).map((window) => ({
    record: SLO_SERIES.errorRatio(window),
    expr: errorRatioQuery(spec.kind, target, window, spec.latencyThresholdMs),
    labels: { ...sloLabels(spec), slo_window: window },
  }));
}

function metaRecordings(spec: SloSpec, set: WindowSet): RecordingRule[] {
  const labels = sloLabels(spec);
  const m = matcher(spec);
  const shortest = SLO_SERIES.errorRatio(sliWindows(set)[0] ?? '5m');
  const period = SLO_SERIES.errorRatio(set.period);
  return [
    { record: SLO_SERIES.objective, expr: `vector(${tidy(spec.objectivePercent / 100)})`, labels },
    { record: SLO_SERIES.errorBudget, expr: `vector(${errorBudget(spec.objectivePercent)})`, labels },
    {
      // The period ratio averages the 5m ratio: a 30-day rate() over raw counters would be far too costly.
      record: period,
      expr: `sum_over_time(${shortest}${m}[${set.period}])\n/ ignoring (slo_window)\ncount_over_time(${shortest}${m}[${set.period}])`,
      labels: { ...labels, slo_window: set.period },
    },
    { record: SLO_SERIES.periodBurnRate, expr: `${period}${m}\n/ ignoring (slo_window)\n${SLO_SERIES.errorBudget}${m}`, labels },
    { record: SLO_SERIES.budgetRemaining, expr: `1 - ${SLO_SERIES.periodBurnRate}${m}`, labels },
  ];
}

function windowCondition(spec: SloSpec, set: WindowSet, w: BurnWindow): string {
  const threshold = `(${burnRate(set, w)} * ${errorBudget(spec.objectivePercent)})`;
  const over = (window: string) => `max(${SLO_SERIES.errorRatio(window)}${matcher(spec)} > ${threshold}) without (slo_window)`;
  return `(\n  ${over(w.short)}\n  and\n  ${over(w.long)}\n)`;
}

function burnAlert(spec: SloSpec, set: WindowSet, severity: Severity): AlertingRule {
  const windows = set[severity];
  const what = spec.kind === 'availability' ? `availability ${spec.objectivePercent}%` : `p99 latency ${spec.latencyThresholdMs} ms`;
  const rates = windows.map((w) => `${burnRate(set, w)}x over ${w.long}/${w.short}`).join(' or ');
  return {
    alert: alertName(spec),
    expr: windows.map((w) => windowCondition(spec, set, w)).join('\nor\n'),
    labels: { ...sloLabels(spec), severity },
    annotations: {
      summary: `${spec.service} is burning its ${spec.kind} error budget too fast`,
      description: `${spec.service} ${what} SLO (${set.period}): error budget burning at ${rates}.`,
      runbook_url: spec.runbookUrl,
    },
  };
}

/**
 * Compiles one SLO into Prometheus rule groups (pure, like slok/sloth): SLI
 * error ratios over every alert window, objective / budget / burn / budget
 * remaining, and the page and ticket multi-window burn-rate alerts.
 */
export function compileSlo(spec: SloSpec, set: WindowSet): RuleGroup[] {
  const id = `${spec.service}-${spec.kind}`;
  return [
    { name: `slo-sli-recordings-${id}`, rules: sliRecordings(spec, set) },
    { name: `slo-meta-recordings-${id}`, rules: metaRecordings(spec, set) },
    { name: `slo-alerts-${id}`, rules: SEVERITIES.map((severity) => burnAlert(spec, set, severity)) },
  ];
}
