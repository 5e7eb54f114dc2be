import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PlatformConfig } from '../../../config/schema/platform.js';
import type { SynthOutput, TerraformJson } from '../../../tools/synth/output.js';
import { synthesizeInThread } from '../../../tools/synth/in-thread.js';
import { platformConfig } from '../../support/platform.js';

/** A synth output of hand-written stacks (no clusters), for failing and passing cases. */
export function outputOf(stacks: Record<string, TerraformJson>): SynthOutput {
  return { stacks: Object.entries(stacks).map(([name, json]) => ({ name, json })), clusters: [] };
}

let cached: SynthOutput | undefined;

/** The whole TradeSense synth output, built once per worker into a temporary folder. */
export function tradesenseOutput(config: PlatformConfig = platformConfig()): SynthOutput {
  if (config === platformConfig() && cached) return cached;
  const output = synthesizeInThread(config, mkdtempSync(join(tmpdir(), 'security-test-')));
  if (config === platformConfig()) cached = output;
  return output;
}

/** `${type.name.attr}` without writing `${` in a plain string. */
export const ref = (address: string) => `$${'{'}${address}}`;
