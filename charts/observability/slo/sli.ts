/**
 * The SLI expressions: the ONE place an SLI query is written. The SLO recording
 * rules (and so the burn-rate alerts) and the Argo Rollouts analysis templates
 * both call these functions, so a promotion is judged by what pages on-call.
 *
 * Source: Istio's standard request metrics as reported by the destination
 * sidecar. `destination_service_name` is the Kubernetes Service the request
 * was addressed to, which tells preview traffic (`<svc>-preview`) from live.
 */
export type SloKind = 'availability' | 'latency';

export interface SliTarget {
  readonly namespace: string;
  /** Kubernetes Service name, or an analysis argument placeholder such as `{{args.service-name}}`. */
  readonly serviceName: string;
}

export const REQUESTS_METRIC = 'istio_requests_total';
export const DURATION_METRIC = 'istio_request_duration_milliseconds';

function selector(t: SliTarget, extra = ''): string {
  return `{reporter="destination",destination_service_namespace="${t.namespace}",destination_service_name="${t.serviceName}"${extra}}`;
}

/** Share of requests that failed (5xx) over `window`. */
export function availabilityErrorRatio(t: SliTarget, window: string): string {
  return (
    `sum(rate(${REQUESTS_METRIC}${selector(t, ',response_code=~"5.."')}[${window}]))\n/\n` +
    `sum(rate(${REQUESTS_METRIC}${selector(t)}[${window}]))`
  );
}

/** Share of requests slower than `thresholdMs` over `window` (at most 1% when p99 <= threshold). */
export function latencyErrorRatio(t: SliTarget, window: string, thresholdMs: number): string {
  return (
    `1 - (\n  sum(rate(${DURATION_METRIC}_bucket${selector(t, bucketBound(thresholdMs))}[${window}]))\n  /\n` +
    `  sum(rate(${DURATION_METRIC}_count${selector(t)}[${window}]))\n)`
  );
}

/** Bucket bound matcher: Prometheus 3 scrapes `le="250"` as `le="250.0"`, Prometheus 2 as-is. */
function bucketBound(thresholdMs: number): string {
  return `,le=~"${thresholdMs}|${thresholdMs}.0"`;
}

/** The error-ratio query of an SLO of either kind. */
export function errorRatioQuery(kind: SloKind, t: SliTarget, window: string, latencyThresholdMs: number): string {
  return kind === 'availability' ? availabilityErrorRatio(t, window) : latencyErrorRatio(t, window, latencyThresholdMs);
}
