import { teamNamespace } from '../../../config/derive/cluster-names.js';
import type { Service } from '../../../config/schema/service.js';
import type { Delivery } from '../../../config/schema/slo.js';
import type { SloSpec } from './compile.js';
import type { SloKind } from './sli.js';
import { WINDOW_SETS, type WindowSet } from './windows.js';

/** The latency SLO is a p99: 99% of requests under the bound. */
export const LATENCY_OBJECTIVE_PERCENT = 99;

/** Every service's SLOs, in service order, from config.delivery. */
export function sloSpecs(services: readonly Service[], delivery: Pick<Delivery, 'services' | 'runbookBaseUrl'>): SloSpec[] {
  return services.flatMap((service) => {
    const settings = delivery.services[service.name];
    if (!settings) return [];
    const kinds: [SloKind, number][] = [
      ['availability', settings.slo.availability],
      ['latency', LATENCY_OBJECTIVE_PERCENT],
    ];
    return kinds.map(([kind, objectivePercent]) => ({
      service: service.name,
      team: service.team,
      namespace: teamNamespace(service.team),
      kind,
      objectivePercent,
      latencyThresholdMs: settings.slo.latencyP99Ms,
      runbookUrl: `${delivery.runbookBaseUrl}#runbook-${kind}`,
    }));
  });
}

/** The burn-rate windows of the SLO period (config.delivery.sloPeriod). */
export function windowSet(sloPeriod: Delivery['sloPeriod']): WindowSet {
  return WINDOW_SETS[sloPeriod];
}
