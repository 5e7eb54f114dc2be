import type { PlatformConfig } from '../schema/platform.js';

/** The environments sorted by name, so that problems come out in a stable order. */
export const sortedEnvironments = (c: PlatformConfig) => Object.entries(c.environments).sort(([a], [b]) => a.localeCompare(b));
