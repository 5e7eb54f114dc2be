import type { PlatformConfig } from '../schema/platform.js';

/** Environments that serve the public API through the protected edge. */
export function edgeEnvironments(config: PlatformConfig): string[] {
  return Object.entries(config.environments)
    .filter(([, env]) => env.tier === 'production')
    .map(([name]) => name)
    .sort();
}
