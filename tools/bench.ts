/**
 * `npm run bench`: median wall time and peak memory of the full synth over N
 * runs, beside `npx cdktf synth` on the same code, plus the marginal cost of one
 * more stack. Figures, not assertions: tests never time anything. Progress goes to
 * stderr as each run ends; the table to stdout.
 *
 *   npm run bench -- [--runs 5] [--no-cli]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadPlatformConfig, parsePlatformConfig } from '../config/load.js';
import type { PlatformConfig, PlatformConfigInput } from '../config/schema/platform.js';
import { tradesense } from '../config/values/tradesense.js';
import type { CommandSpec } from './cli/command.js';
import { InputError } from './cli/errors.js';
import { integerOption, stringValue } from './cli/input.js';
import { runCommand, runIfMain, type CliIo } from './cli/run.js';
import { synthesizeTo } from './synth/run.js';

export const BENCH_COMMAND: CommandSpec = {
  name: 'npm run bench --',
  summary: 'Median wall time and peak memory of `npm run synth` (and `npx cdktf synth`) over several runs, and the marginal cost of one more stack.',
  options: {
    runs: { type: 'string', value: 'n', description: 'runs per measurement, at least 3 (default 5)' },
    'no-cli': { type: 'boolean', description: 'skip the `npx cdktf synth` row' },
  },
  details: 'Progress is printed to stderr as each run ends. exit codes: 0 measured, 1 a measured command failed, 2 usage error',
};

const GNU_TIME = '/usr/bin/time';

export interface Sample {
  readonly seconds: number;
  /** Peak resident set of the process tree, when GNU time is available. */
  readonly peakMb?: number;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
};

function measure(command: string[], cwd: string): Sample {
  const env = { ...process.env, CHECKPOINT_DISABLE: '1' };
  if (existsSync(GNU_TIME)) {
    const r = spawnSync(GNU_TIME, ['-f', 'BENCH %e %M', ...command], { encoding: 'utf8', env, cwd });
    const match = /BENCH ([\d.]+) (\d+)/.exec(r.stderr);
    if (r.status !== 0 || !match) throw new InputError(`${command.join(' ')} failed:\n${r.stderr}`);
    return { seconds: Number(match[1]), peakMb: Number(match[2]) / 1024 };
  }
  const started = performance.now();
  const r = spawnSync(command[0] ?? '', command.slice(1), { encoding: 'utf8', env, cwd });
  if (r.status !== 0) throw new InputError(`${command.join(' ')} failed:\n${r.stderr}`);
  return { seconds: (performance.now() - started) / 1000 };
}

/**
 * The TradeSense input plus one more single-region, development-tier environment,
 * `bench`, a copy of dev deployed right after it (production stays last): every
 * per-environment section (any object keyed by environment names) gets a copy of
 * dev's entry, so the capabilities' stacks all appear for it.
 */
export function withExtraEnvironment(input: PlatformConfigInput): PlatformConfig {
  const copy = structuredClone(input) as PlatformConfigInput & Record<string, unknown>;
  const envNames = Object.keys(copy.environments);
  const visit = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(visit);
    const record = node as Record<string, unknown>;
    if ('dev' in record && Object.keys(record).every((k) => envNames.includes(k))) record.bench = structuredClone(record.dev);
    Object.values(record).forEach(visit);
  };
  visit(copy);
  const bench = copy.environments.bench;
  if (!bench) throw new Error('bench expects a dev environment to copy');
  bench.accountId = '999999999999';
  bench.regions = { primary: { region: bench.regions.primary.region, vpcCidr: '10.250.0.0/16' }, replicas: [] };
  const dev = copy.deployOrder.indexOf('dev');
  copy.deployOrder = [...copy.deployOrder.slice(0, dev + 1), 'bench', ...copy.deployOrder.slice(dev + 1)];
  return parsePlatformConfig(copy);
}

/** Counts steps and prints one line per finished run, so a long bench shows where it is. */
export function progressReporter(steps: number, write: (line: string) => void): (what: string, seconds: number) => void {
  let step = 0;
  return (what, seconds) => write(`[${++step}/${steps}] ${what}: ${seconds.toFixed(2)} s\n`);
}

/** One table row: `runs` samples of a command, each reported as it ends, summarized by their medians. */
export function timedRow(label: string, runs: number, sample: () => Sample, progress: (what: string, seconds: number) => void): string {
  const samples = Array.from({ length: runs }, (_, i) => {
    const s = sample();
    progress(`${label}, run ${i + 1} of ${runs}`, s.seconds);
    return s;
  });
  const seconds = median(samples.map((s) => s.seconds));
  const peaks = samples.flatMap((s) => (s.peakMb === undefined ? [] : [s.peakMb]));
  const peak = peaks.length ? `${Math.round(median(peaks))} MB` : 'n/a (no GNU time)';
  return `| ${label} | ${seconds.toFixed(2)} s | ${peak} | ${samples.map((s) => s.seconds.toFixed(2)).join(', ')} |`;
}

export function run(argv: readonly string[], io: CliIo): Promise<number> {
  return runCommand(BENCH_COMMAND, argv, io, async ({ values }) => {
    const runs = integerOption('--runs', stringValue(values.runs), 3, 5);
    const commands: [string, string[]][] = [['npm run synth (both halves + checks)', ['node', 'tools/run.mjs', 'tools/synth.ts']]];
    if (!values['no-cli']) commands.push(['npx cdktf synth (Terraform half only)', ['npx', 'cdktf', 'synth']]);
    const progress = progressReporter(commands.length * runs + 3 * runs, io.stderr);
    const row = (label: string, command: string[]) => timedRow(label, runs, () => measure(command, io.cwd), progress);

    const inProcess = async (label: string, config: PlatformConfig): Promise<{ ms: number; stacks: number }> => {
      const times: number[] = [];
      let stacks = 0;
      for (let i = 0; i < runs; i++) {
        const dir = mkdtempSync(join(tmpdir(), 'bench-'));
        const started = performance.now();
        stacks = (await synthesizeTo(config, dir)).stacks.length;
        times.push(performance.now() - started);
        rmSync(dir, { recursive: true, force: true });
        progress(`${label}, run ${i + 1} of ${runs}`, (times.at(-1) ?? 0) / 1000);
      }
      return { ms: median(times), stacks };
    };

    const lines = [
      `Full synth, ${runs} runs each (median wall time, median peak RSS of the process tree):`,
      '',
      '| command | median | peak memory | runs |',
      '| --- | --- | --- | --- |',
      ...commands.map(([label, command]) => row(label, command)),
    ];
    const config = loadPlatformConfig();
    await inProcess('in-process synth, warm-up', config); // warm the module cache so both sides below compare synth work only
    const base = await inProcess('in-process synth', config);
    const more = await inProcess('in-process synth with one more environment', withExtraEnvironment(tradesense));
    const perStack = (more.ms - base.ms) / Math.max(1, more.stacks - base.stacks);
    lines.push(
      '',
      `In-process synth: ${base.stacks} stacks in ${base.ms.toFixed(0)} ms; with one more environment ${more.stacks} stacks in ${more.ms.toFixed(0)} ms`,
      `Marginal cost per extra stack (incl. its cluster's manifests): ${perStack.toFixed(1)} ms`,
    );
    io.stdout(`${lines.join('\n')}\n`);
    return 0;
  });
}

runIfMain(import.meta.url, run);
