/**
 * The one full synth of a test run (started by ./global-setup.ts through
 * `node tools/run.mjs`, the bundled fast path): `npm run synth` of the TradeSense
 * config into `<dir>`, plus what the workers read instead of building it again,
 * then the `done` marker they wait for.
 *
 * Usage: node tools/run.mjs test/support/synth-once/write.ts <dir>
 */
import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadPlatformConfig } from '../../../config/load.js';
import { installCheapStackTraces } from '../../../tools/synth/cheap-stack-traces.js';
import { synthesize } from '../../../tools/synth/run.js';
import { CLUSTERS_FILE, DONE_FILE, FAILED_FILE, STATES_FILE, type SharedCluster } from './files.js';

const dir = process.argv[2];
if (!dir) throw new Error('usage: node tools/run.mjs test/support/synth-once/write.ts <dir>');

/** Write then rename: a worker never reads half a file. */
function put(file: string, text: string): void {
  writeFileSync(`${join(dir as string, file)}.tmp`, text);
  renameSync(`${join(dir as string, file)}.tmp`, join(dir as string, file));
}

async function main(): Promise<void> {
  installCheapStackTraces();
  const { output } = await synthesize(loadPlatformConfig(), { root: dir as string });
  const clusters: SharedCluster[] = output.clusters.map((c) => ({ dir: c.dir, files: [...c.files], objects: [...c.objects] }));
  put(CLUSTERS_FILE, JSON.stringify(clusters));
  put(STATES_FILE, JSON.stringify(output.states ?? []));
  put(DONE_FILE, '');
}

main().catch((error: unknown) => {
  put(FAILED_FILE, error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
});
