import type { PlatformConfig } from '../../config/schema/platform.js';
import type { DataClass } from '../../config/schema/retention.js';

/** The strictest window the regulations allow for a data class: [longest minimum, shortest maximum]. */
export function retentionBounds(config: PlatformConfig, dataClass: DataClass): { min: number; max: number } {
  const requirements = config.retention[dataClass].requirements;
  return {
    min: Math.max(1, ...requirements.map((r) => r.minDays ?? 0)),
    max: Math.min(Number.MAX_SAFE_INTEGER, ...requirements.map((r) => r.maxDays ?? Number.MAX_SAFE_INTEGER)),
  };
}
