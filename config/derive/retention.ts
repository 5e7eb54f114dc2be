import type { PlatformConfig } from '../schema/platform.js';
import type { DataClass } from '../schema/retention.js';

/** Days a data class is kept: read by every log group, lifecycle rule, backup plan and TTL. */
export function retentionDays(config: PlatformConfig, dataClass: DataClass): number {
  return config.retention[dataClass].retentionDays;
}
