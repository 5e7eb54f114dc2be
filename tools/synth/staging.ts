import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/** `<root>/.synth-staging-<pid>`: one per synth process, on the output's file system so that moving it into place is a rename. */
export const STAGING_PREFIX = '.synth-staging-';

export const stagingFolder = (root: string, pid: number = process.pid): string => join(root, `${STAGING_PREFIX}${pid}`);

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
  for (const name of stale) rmSync(join(root, name), { recursive: true, force: true });
  return stale.sort();
}

const SIGNALS = ['SIGINT', 'SIGTERM'] as const;
type Signal = (typeof SIGNALS)[number];

export interface StagingGuard {
  /** Runs `moveIntoPlace` with interrupts held back, so the output is never half swapped; a held signal is acted on after. */
  swap(moveIntoPlace: () => void): void;
  /** Removes the handlers (the caller removes the folder). */
  release(): void;
}

/**
 * While a synth runs, Ctrl-C or SIGTERM removes its staging folder, then ends the
 * process as the signal would have (the handlers step aside and re-raise it).
 * `exit` and the signal source are injectable for tests.
 */
/** Where the signals come from: the process, or a test's emitter. */
export type SignalSource = Pick<NodeJS.EventEmitter, 'on' | 'removeListener'>;

export function guardStaging(
  staging: string,
  exit: (signal: Signal) => void = (signal) => process.kill(process.pid, signal),
  source: SignalSource = process,
): StagingGuard {
  let swapping = false;
  let held: Signal | undefined;
  const handlers = new Map<Signal, () => void>();
  const release = () => {
    for (const [signal, handler] of handlers) source.removeListener(signal, handler);
    handlers.clear();
  };
  const stop = (signal: Signal) => {
    release();
    rmSync(staging, { recursive: true, force: true });
    exit(signal);
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
  };
}
