/**
 * A synth worker thread: compiles through the V8 code cache, loads its bundle
 * (workerData.bundle, which exports `handle`), answers one job, then writes the
 * cache when this run compiled anything new and ends. Errors go back as data
 * (name, message, stack): the main thread rethrows them.
 */
import { createRequire } from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';
import { installCompileCache } from './compile-cache.mjs';

const save = installCompileCache(workerData.cacheFile);
const { handle } = createRequire(workerData.bundle)(workerData.bundle);

parentPort.once('message', (job) => {
  try {
    parentPort.postMessage({ ok: true, value: handle(job) });
  } catch (error) {
    const { name, message, stack } = error instanceof Error ? error : new Error(String(error));
    parentPort.postMessage({ ok: false, error: { name, message, stack } });
  }
  save();
  parentPort.close();
});
