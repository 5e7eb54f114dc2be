import type { PlatformConfig } from '../../../config/schema/platform.js';
import { teamNamespace } from '../../team-namespaces.js';
import type { SloSpec } from './compile.js';
import type { SloKind } from './sli.js';
import { WINDOW_SETS, type WindowSet } from './windows.js';

/** The latency SLO is a p99: 99% of requests under the bound. */
export const LATENCY_OBJECTIVE_PERCENT = 99;

/** Every service's SLOs, in service order, from config.delivery. */
export function sloSpecs(config: PlatformConfig): SloSpec[] {
  return config.services.flatMap((service) => {
    const delivery = config.delivery.services[service.name];
    if (!delivery) return [];
    const kinds: [SloKind, number][] = [
      ['availability', delivery.slo.availability],
      ['latency', LATENCY_OBJECTIVE_PERCENT],
    ];
    return kinds.map(([kind, objectivePercent]) => ({
      service: service.name,
      team: service.team,
      namespace: teamNamespace(service.team),
      kind,
      objectivePercent,
      latencyThresholdMs: delivery.slo.latencyP99Ms,
      runbookUrl: `${config.delivery.runbookBaseUrl}#runbook-${kind}`,
    }));
  });
}

export function windowSet(config: PlatformConfig): WindowSet {
  return WINDOW_SETS[config.delivery.sloPeriod];
}
