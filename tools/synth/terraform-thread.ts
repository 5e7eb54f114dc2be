import type { PlatformConfig } from '../../config/schema/platform.js';
import { REPO_ROOT } from '../helm/chart-lock.js';
import { startTerraformWorker, takeEarlyTerraformWorker } from './terraform-worker-start.mjs';
import type { TerraformJob } from './terraform-worker.js';

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
 * The thread for one job: the one tools/run.mjs started ahead for this synth, or
 * a new one. It starts loading its modules at once, before the job is known.
 */
export function takeTerraformThread(): TerraformThread {
  let cancelled = false;
  const worker = takeEarlyTerraformWorker() ?? startTerraformWorker(REPO_ROOT);
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
        // Referenced from here until it ends: the process waits for the job and for the code cache it writes after.
        thread.ref();
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
