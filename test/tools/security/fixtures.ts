import type { SynthOutput, TerraformJson } from '../../../tools/synth/output.js';
import { renderedClusters } from '../../support/manifests.js';
import { platformStacks } from '../../support/platform.js';

/** A synth output of hand-written stacks (no clusters), for failing and passing cases. */
export function outputOf(stacks: Record<string, TerraformJson>): SynthOutput {
  return { stacks: Object.entries(stacks).map(([name, json]) => ({ name, json })), clusters: [] };
}

const cached = new WeakMap<object, SynthOutput>();

/** The whole TradeSense synth output (stacks and clusters, no states), read once per worker from the run's one synth. */
export function tradesenseOutput(): SynthOutput {
  const clusters = renderedClusters();
  let output = cached.get(clusters);
  if (!output) {
    output = { stacks: platformStacks(), clusters };
    cached.set(clusters, output);
  }
  return output;
}

/** `${type.name.attr}` without writing `${` in a plain string. */
export const ref = (address: string) => `$${'{'}${address}}`;
