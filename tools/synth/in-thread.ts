import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderClusters } from '../../charts/app.js';
import type { PlatformConfig } from '../../config/schema/platform.js';
import type { SynthOutput } from './output.js';
import { MANIFESTS_DIR } from './swap.js';
import { readStacks } from './read-stacks.js';
import { writeTerraformHalf } from './terraform-half.js';

/**
 * Both halves one after the other on the calling thread, no checks: for tests
 * and tools that already have cdktf loaded and want the output synchronously.
 * `npm run synth` uses synthesizeTo (run.ts), which runs the halves on two threads
 * and writes the same files.
 */
export function synthesizeInThread(config: PlatformConfig, staging: string): SynthOutput {
  const stacks = readStacks(staging, writeTerraformHalf(config, staging));
  const clusters = renderClusters(config);
  for (const cluster of clusters) {
    const dir = join(staging, MANIFESTS_DIR, cluster.dir);
    mkdirSync(dir, { recursive: true });
    for (const [file, text] of cluster.files) writeFileSync(join(dir, file), text);
  }
  return { stacks, clusters };
}
