/**
 * Starts the Terraform half's worker thread (tools/synth/terraform-worker.ts,
 * bundled as tools/run.mjs bundles commands, loaded through its own V8 code
 * cache). Plain JavaScript so that tools/run.mjs can start it for the synth
 * commands before it loads their own bundle: the thread's module loading then
 * overlaps all of this thread's (it starts ~50 ms sooner than from inside the
 * bundle). terraform-thread.ts adopts a thread started so, or starts one.
 *
 * The thread is unreferenced until it gets a job: a command that stops before
 * its synth (bad config, a usage error) ends instead of waiting on it.
 */
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { bundlePaths, ensureBundle, freshBundle } from './bundle.mjs';
import { compileCacheFile } from './compile-cache.mjs';

export const TERRAFORM_WORKER_ENTRY = 'tools/synth/terraform-worker.ts';

/** On globalThis: run.mjs and the bundle each hold their own copy of this module. */
const EARLY = Symbol.for('tradesense.synth.earlyTerraformWorker');

/** A new thread for one job, once its bundle is there (built when stale, as tools/run.mjs does). */
export function startTerraformWorker(root) {
  const start = (bundle) => {
    const thread = new Worker(join(root, 'tools', 'synth', 'worker-boot.mjs'), {
      workerData: { bundle, cacheFile: compileCacheFile(root, bundlePaths(root, TERRAFORM_WORKER_ENTRY).name) },
      // A young generation of 8 MB (V8 grows it to 32 MB by default): ~25 MB less peak memory, no slower (npm run bench).
      resourceLimits: { maxYoungGenerationSizeMb: 8 },
    });
    thread.unref();
    return thread;
  };
  // Started right here when the bundle is fresh (the usual case): a promise callback would wait for this thread's module loading.
  const fresh = freshBundle(root, TERRAFORM_WORKER_ENTRY);
  return fresh ? Promise.resolve(start(fresh)) : ensureBundle(root, TERRAFORM_WORKER_ENTRY, ['tools/synth/bundle.mjs']).then(start);
}

/** Starts one ahead for the synth this process is about to run (tools/run.mjs). */
export function startTerraformWorkerEarly(root) {
  if (globalThis[EARLY]) return;
  const started = startTerraformWorker(root);
  // A failure (its bundle does not build) is the synth's to report, when it takes the thread; a command that never does ends as it would.
  started.catch(() => undefined);
  globalThis[EARLY] = started;
}

/** The thread started ahead, once; undefined when there is none. */
export function takeEarlyTerraformWorker() {
  const started = globalThis[EARLY];
  globalThis[EARLY] = undefined;
  return started;
}
