import type { ServiceDelivery } from '../../config/schema/slo.js';
import { errorBudget } from '../observability/slo/compile.js';
import { LATENCY_OBJECTIVE_PERCENT } from '../observability/slo/specs.js';
import { tidy } from '../observability/slo/windows.js';

/** What a new version must show under load: the SLO, scaled by the allowed burn rate. */
export interface PromotionThresholds {
  /** Largest share of 5xx responses. */
  readonly maxErrorRatio: number;
  /** Largest share of requests slower than `latencyP99Ms`. */
  readonly maxSlowRatio: number;
  readonly latencyP99Ms: number;
}

/** `maxBurnRate`: config.delivery.analysis.maxBurnRate, the burn a new version may show under load. */
export function promotionThresholds(d: ServiceDelivery, maxBurnRate: number): PromotionThresholds {
  const burn = maxBurnRate;
  return {
    maxErrorRatio: tidy(errorBudget(d.slo.availability) * burn),
    maxSlowRatio: tidy(errorBudget(LATENCY_OBJECTIVE_PERCENT) * burn),
    latencyP99Ms: d.slo.latencyP99Ms,
  };
}
