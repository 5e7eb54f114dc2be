import type { PlatformConfigInput } from '../../config/schema/platform.js';

/** The value the bench changes before every warm synth: one service's HPA maximum (its Rollout, HPA and namespace quota follow it). */
export const CHANGED_VALUE = 'delivery.services.<first>.autoscaling.maxReplicas';

/**
 * The config of the `run`th warm synth: the first service's maximum replicas one or
 * two above the real value, alternating, so each run differs from the run before it
 * (a real change to synthesize, never a no-op of an up-to-date tree).
 */
export function changedConfig(input: PlatformConfigInput, run: number): PlatformConfigInput {
  const copy = structuredClone(input);
  const [name, service] = Object.entries(copy.delivery.services)[0] ?? [];
  if (!name || !service?.autoscaling)
    throw new Error("the bench changes the first delivery service's autoscaling.maxReplicas, and there is none");
  service.autoscaling.maxReplicas += 1 + (run % 2);
  return copy;
}
