import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { InputError } from '../cli/errors.js';

const GNU_TIME = '/usr/bin/time';

export interface Sample {
  readonly seconds: number;
  /** Peak resident set of the largest process of the tree (GNU time's %M), when GNU time is available. */
  readonly peakMb?: number;
  readonly stdout: string;
}

export const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
};

/** One run of a command: wall time, and peak memory through GNU time where the machine has it. */
export function measure(command: readonly string[], cwd: string): Sample {
  const env = { ...process.env, CHECKPOINT_DISABLE: '1' };
  const started = performance.now();
  const timed = existsSync(GNU_TIME);
  const r = timed
    ? spawnSync(GNU_TIME, ['-f', 'BENCH %e %M', ...command], { encoding: 'utf8', env, cwd, maxBuffer: 64 * 1024 * 1024 })
    : spawnSync(command[0] ?? '', command.slice(1), { encoding: 'utf8', env, cwd, maxBuffer: 64 * 1024 * 1024 });
  const seconds = (performance.now() - started) / 1000;
  if (r.status !== 0) throw new InputError(`${command.join(' ')} (in ${cwd}) failed:\n${r.stderr}`);
  const match = timed ? /BENCH ([\d.]+) (\d+)/.exec(r.stderr) : null;
  return match ? { seconds: Number(match[1]), peakMb: Number(match[2]) / 1024, stdout: r.stdout } : { seconds, stdout: r.stdout };
}

/** Counts steps and prints one line per finished run, so a long bench shows where it is. */
export function progressReporter(steps: number, write: (line: string) => void): (what: string, seconds: number) => void {
  let step = 0;
  return (what, seconds) => write(`[${++step}/${steps}] ${what}: ${seconds.toFixed(2)} s\n`);
}

/** `runs` samples, each reported as it ends. */
export function samples(
  label: string,
  runs: number,
  sample: (run: number) => Sample,
  progress: (what: string, seconds: number) => void,
): Sample[] {
  return Array.from({ length: runs }, (_, i) => {
    const s = sample(i);
    progress(`${label}, run ${i + 1} of ${runs}`, s.seconds);
    return s;
  });
}

/** Median wall time and median peak memory of samples (`n/a` without GNU time). */
export function summary(taken: readonly Sample[]): { seconds: number; peak: string } {
  const peaks = taken.flatMap((s) => (s.peakMb === undefined ? [] : [s.peakMb]));
  return { seconds: median(taken.map((s) => s.seconds)), peak: peaks.length ? `${Math.round(median(peaks))} MB` : 'n/a (no GNU time)' };
}

/** A table row of samples: label, median, peak memory and every run. */
export function rowOf(label: string, taken: readonly Sample[]): string {
  const { seconds, peak } = summary(taken);
  return `| ${label} | ${seconds.toFixed(2)} s | ${peak} | ${taken.map((s) => s.seconds.toFixed(2)).join(', ')} |`;
}

/** One table row: `runs` samples of a command, summarized by their medians. */
export function timedRow(
  label: string,
  runs: number,
  sample: (run: number) => Sample,
  progress: (what: string, seconds: number) => void,
): string {
  return rowOf(label, samples(label, runs, sample, progress));
}
