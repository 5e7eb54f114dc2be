import { loadPlatformConfig, type PlatformConfig } from '../../config/index.js';
import type { SynthOutput } from '../synth/output.js';

/**
 * The config a synth output was built from. Output checks receive only the
 * output; every rendered cluster carries its config, and an output without
 * clusters can only come from the TradeSense config.
 */
export function configOf(output: SynthOutput): PlatformConfig {
  return output.clusters[0]?.ctx.config ?? loadPlatformConfig();
}
