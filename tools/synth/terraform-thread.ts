import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { PlatformConfig } from '../../config/schema/platform.js';
import { REPO_ROOT } from '../helm/chart-lock.js';
import { bundlePaths, ensureBundle, freshBundle } from './bundle.mjs';
import { compileCacheFile } from './compile-cache.mjs';
import type { TerraformJob } from './terraform-worker.js';

const ENTRY = 'tools/synth/terraform-worker.ts';

/**
 * The Terraform half on a second core: a worker thread that loads cdktf and the
 * provider and writes `<staging>/cdktf.out`, while the main thread renders the
 * clusters. One job per thread; the thread ends after it.
 */
export interface TerraformThread {
  /** Sends the job; resolves to the stack names in name order, or rejects with the half's error. */
  run(config: PlatformConfig, staging: string): Promise<string[]>;
  /** Stops the thread now (an interrupt); a pending `run` then never settles. Resolves once the thread has ended. */
  cancel(): Promise<void>;
  /** Settles when the thread has ended (after it wrote its code cache). */
  readonly ended: Promise<void>;
}

interface Reply {
  readonly ok: boolean;
  readonly value?: string[];
  readonly error?: { name: string; message: string; stack?: string };
}

/** The half's error as this thread's: same class name, message and stack. */
function rethrown(error: NonNullable<Reply['error']>): Error {
  const copy = new Error(error.message);
  copy.name = error.name;
  if (error.stack) copy.stack = error.stack;
  return copy;
}

/**
 * Starts the thread: it bundles its entry when stale (as tools/run.mjs does) and
 * starts loading its modules at once, before the job is known.
 */
export function openTerraformThread(): TerraformThread {
  const root = REPO_ROOT;
  let cancelled = false;
  const start = (bundle: string) => {
    const cacheFile = compileCacheFile(root, bundlePaths(root, ENTRY).name);
    // A young generation of 8 MB (V8 grows it to 32 MB by default): ~25 MB less peak memory, no slower (npm run bench).
    const thread = new Worker(join(root, 'tools', 'synth', 'worker-boot.mjs'), {
      workerData: { bundle, cacheFile },
      resourceLimits: { maxYoungGenerationSizeMb: 8 },
    });
    if (cancelled) void thread.terminate();
    return thread;
  };
  // Started right here when the bundle is fresh (the usual case): a promise callback would wait for this thread's module loading.
  const fresh = freshBundle(root, ENTRY);
  const worker = fresh ? Promise.resolve(start(fresh)) : ensureBundle(root, ENTRY, ['tools/synth/bundle.mjs']).then(start);
  const ended = worker.then(
    (thread) => new Promise<void>((done) => thread.once('exit', () => done())),
    () => undefined,
  );
  return {
    ended,
    run: async (config, staging) => {
      const thread = await worker;
      return new Promise<string[]>((resolve, reject) => {
        thread.once('message', (reply: Reply) =>
          reply.ok ? resolve(reply.value ?? []) : reject(rethrown(reply.error ?? { name: 'Error', message: 'no reply' })),
        );
        thread.once('error', (error) => cancelled || reject(error));
        thread.once('exit', (code) => cancelled || reject(new Error(`the Terraform thread ended (exit ${code}) before it answered`)));
        const job: TerraformJob = { config, staging };
        thread.postMessage(job);
      });
    },
    cancel: async () => {
      cancelled = true;
      await worker.then(
        (thread) => thread.terminate(),
        () => undefined,
      );
    },
  };
}

let prewarmed: TerraformThread | undefined;

/** Opens the thread ahead of the synth (the CLI does so before loading its own modules). */
export function prewarmTerraformThread(): void {
  prewarmed ??= openTerraformThread();
}

/** The prewarmed thread if there is one, else a new one. */
export function takeTerraformThread(): TerraformThread {
  const thread = prewarmed ?? openTerraformThread();
  prewarmed = undefined;
  return thread;
}
