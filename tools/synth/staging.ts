import { readdirSync, rmdirSync, rmSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';

/** `<root>/.synth-staging-<pid>`: one per synth process, on the output's file system so that moving it into place is a rename. */
export const STAGING_PREFIX = '.synth-staging-';

export const stagingFolder = (root: string, pid: number = process.pid): string => join(root, `${STAGING_PREFIX}${pid}`);

/**
 * Removes a folder and everything below it, as `rm -rf` does: one readdir per
 * folder and one unlink per file. Node 20's recursive rmSync first tries rmdir on
 * every path and stats each entry, about three times slower on a synth's output;
 * anything unexpected (a folder growing meanwhile) falls back to it.
 */
export function removeTree(path: string): void {
  const remove = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const child = join(dir, entry.name);
      if (entry.isDirectory()) remove(child);
      else unlinkSync(child);
    }
    rmdirSync(dir);
  };
  try {
    remove(path);
  } catch {
    rmSync(path, { recursive: true, force: true, maxRetries: 3 });
  }
}

/** Whether a process with this id runs (EPERM: it does, as another user). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes staging folders a crashed synth left (its process is gone), and this
 * process's own leftover; folders of running synths stay. Returns the removed names.
 */
export function removeStaleStaging(root: string): string[] {
  let names: string[];
  try {
    names = readdirSync(root);
  } catch {
    return [];
  }
  const stale = names.filter((name) => {
    const pid = Number(name.slice(STAGING_PREFIX.length));
    return name.startsWith(STAGING_PREFIX) && Number.isInteger(pid) && pid > 0 && (pid === process.pid || !alive(pid));
  });
  for (const name of stale) removeTree(join(root, name));
  return stale.sort();
}

const SIGNALS = ['SIGINT', 'SIGTERM'] as const;
type Signal = (typeof SIGNALS)[number];

export interface StagingGuard {
  /** Runs `moveIntoPlace` with interrupts held back, so the output is never half swapped; a held signal is acted on after. */
  swap(moveIntoPlace: () => void): void;
  /** Removes the handlers (the caller removes the folder). */
  release(): void;
  /** Whether an interrupt arrived: the synth must not go on (its folder is being removed). */
  readonly interrupted: boolean;
}

/** Where the signals come from: the process, or a test's emitter. */
export type SignalSource = Pick<NodeJS.EventEmitter, 'on' | 'removeListener'>;

/**
 * While a synth runs, Ctrl-C or SIGTERM removes its staging folder, then ends the
 * process as the signal would have (the handlers step aside and re-raise it).
 * `stopWriters` first stops what else writes into the folder (the Terraform
 * thread): the folder is removed once it has stopped, or a file written meanwhile
 * would outlive the removal. `exit` and the signal source are injectable for tests.
 */
export function guardStaging(
  staging: string,
  exit: (signal: Signal) => void = (signal) => process.kill(process.pid, signal),
  source: SignalSource = process,
  stopWriters?: () => Promise<void>,
): StagingGuard {
  let swapping = false;
  let interrupted = false;
  let held: Signal | undefined;
  const handlers = new Map<Signal, () => void>();
  const release = () => {
    for (const [signal, handler] of handlers) source.removeListener(signal, handler);
    handlers.clear();
  };
  const stop = (signal: Signal) => {
    release();
    interrupted = true;
    const finish = () => {
      rmSync(staging, { recursive: true, force: true });
      exit(signal);
    };
    if (stopWriters) void stopWriters().then(finish, finish);
    else finish();
  };
  for (const signal of SIGNALS) {
    const handler = () => {
      if (swapping) held = signal;
      else stop(signal);
    };
    handlers.set(signal, handler);
    source.on(signal, handler);
  }
  return {
    swap(moveIntoPlace) {
      swapping = true;
      try {
        moveIntoPlace();
      } finally {
        swapping = false;
        if (held) stop(held);
      }
    },
    release,
    get interrupted() {
      return interrupted;
    },
  };
}
