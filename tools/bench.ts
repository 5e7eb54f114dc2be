/**
 * `npm run bench`: median wall time and peak memory over N runs of the full synth
 * warm after one config change, of a no-op synth, of `npx cdktf synth` on the same
 * code and of `npm run diff`, the ratios between them, and the marginal cost of one
 * more stack; with --scale, the same synth over generated configs of 1x, 3x, 7x the
 * stacks and the 12-environment x 3-region configuration. Figures, not assertions:
 * tests never time anything. Progress goes to stderr as each run ends; the tables
 * to stdout. Every synth runs in a temporary folder: the repository's own
 * cdktf.out/ and dist/ stay as they are.
 *
 *   npm run bench -- [--runs 5] [--no-cli] [--scale]
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadPlatformConfig } from '../config/load.js';
import type { PlatformConfig, PlatformConfigInput } from '../config/schema/platform.js';
import { tradesense } from '../config/values/tradesense.js';
import { CHANGED_VALUE, changedConfig } from './bench/config-change.js';
import { withExtraEnvironment } from './bench/extra-environment.js';
import { measure, median, progressReporter, rowOf, samples, summary, timedRow, type Sample } from './bench/measure.js';
import { scaledConfig } from './bench/scaled-config.js';
import type { CommandSpec } from './cli/command.js';
import { integerOption, stringValue } from './cli/input.js';
import { runCommand, runIfMain, type CliIo } from './cli/run.js';
import { REPO_ROOT } from './helm/chart-lock.js';
import { synthesizeTo } from './synth/run.js';

export const BENCH_COMMAND: CommandSpec = {
  name: 'npm run bench --',
  summary:
    'Median wall time and peak memory of `npm run synth` (warm after a config change, and no-op), `npx cdktf synth` and `npm run diff` over several runs,\n' +
    'and the marginal cost of one more stack; --scale adds the synth of generated configs at 1x, 3x and 7x the stacks and 12 environments x 3 regions.',
  options: {
    runs: { type: 'string', value: 'n', description: 'runs per measurement, at least 3 (default 5)' },
    'no-cli': { type: 'boolean', description: 'skip the `npx cdktf synth` row' },
    scale: {
      type: 'boolean',
      description: "also measure generated large configurations (minutes: their first synth renders their clusters' charts into the cache)",
    },
  },
  details: 'Progress is printed to stderr as each run ends. exit codes: 0 measured, 1 a measured command failed, 2 usage error',
};

/** Environments of the large configuration the issue sets the budget for: 12 x 3 regions, about 400 stacks and 36 clusters. */
export const LARGE_ENVIRONMENTS = 12;

const readJson = (file: string): Record<string, unknown> => JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;

const SYNTHESIZED = /synthesized (\d+) stacks .* for (\d+) clusters/;

/** Stacks and clusters a synth reported. */
export function synthCounts(stdout: string): { stacks: number; clusters: number } {
  const match = SYNTHESIZED.exec(stdout);
  if (!match) throw new Error(`the synth printed no 'synthesized N stacks ... for N clusters' line:\n${stdout}`);
  return { stacks: Number(match[1]), clusters: Number(match[2]) };
}

/** Environments of a generated config with about `times` x the real stacks, from the stacks one generated environment has. */
export const environmentsFor = (times: number, realStacks: number, stacksPerEnvironment: number): number =>
  Math.max(1, Math.round((times * realStacks) / stacksPerEnvironment));

export function run(argv: readonly string[], io: CliIo): Promise<number> {
  return runCommand(BENCH_COMMAND, argv, io, async ({ values }) => {
    const runs = integerOption('--runs', stringValue(values.runs), 3, 5);
    const work = mkdtempSync(join(tmpdir(), 'tradesense-bench-'));
    try {
      const synth = (config?: PlatformConfigInput, name = 'config.json'): string[] => {
        if (config) writeFileSync(join(work, name), JSON.stringify(config));
        return ['node', join(REPO_ROOT, 'tools/run.mjs'), join(REPO_ROOT, 'tools/synth.ts'), ...(config ? ['--config', name] : [])];
      };
      const git = existsSync(join(io.cwd, '.git'));
      // The warm-up, the measured commands' runs, the three in-process series, and four scale points of a warm-up and the runs each.
      const measured = 2 + Number(!values['no-cli']) + Number(git);
      const progress = progressReporter(1 + measured * runs + 3 * runs + (values.scale ? 4 * (runs + 1) : 0), io.stderr);
      const warmUp = (what: string, command: string[], cwd = work): Sample => {
        const s = measure(command, cwd);
        progress(`${what}, warm-up (not counted)`, s.seconds);
        return s;
      };

      // Warm: the bundle, the V8 code cache and the chart renders are in place; the config differs from the run before.
      warmUp('npm run synth', synth(changedConfig(tradesense, 1), 'warm-up.json'));
      const changed = samples(
        'npm run synth, one config value changed',
        runs,
        (i) => measure(synth(changedConfig(tradesense, i), `change-${i}.json`), work),
        progress,
      );
      const synthMedian = summary(changed).seconds;
      const lines = [
        `Full synth (both halves, every check, the cluster states from the render cache, the reports), ${runs} runs each:`,
        `median wall time, median peak RSS. Before each warm run ${CHANGED_VALUE} changes (never a no-op).`,
        '',
        '| command | median | peak memory | runs |',
        '| --- | --- | --- | --- |',
        rowOf('npm run synth (warm, one config value changed)', changed),
        timedRow('npm run synth (nothing changed)', runs, () => measure(synth(), work), progress),
      ];
      const ratios: string[] = [];
      if (!values['no-cli']) {
        // The standard CLI of this repository (what npx runs), with a cdktf.json naming the same app, in the temporary folder.
        const app = `node ${join(REPO_ROOT, 'tools/run.mjs')} ${join(REPO_ROOT, 'tools/cdktf-app.ts')}`;
        writeFileSync(join(work, 'cdktf.json'), JSON.stringify({ ...readJson(join(REPO_ROOT, 'cdktf.json')), app }));
        const cli = samples('npx cdktf synth', runs, () => measure([join(REPO_ROOT, 'node_modules/.bin/cdktf'), 'synth'], work), progress);
        lines.push(rowOf('npx cdktf synth (Terraform half only, standard CLI)', cli));
        ratios.push(`npx cdktf synth / npm run synth: ${(summary(cli).seconds / synthMedian).toFixed(2)}x`);
      }
      if (git) {
        const command = [
          'node',
          join(REPO_ROOT, 'tools/run.mjs'),
          join(REPO_ROOT, 'tools/diff/cli.ts'),
          '--base',
          'HEAD',
          '--markdown',
          join(work, 'diff.md'),
        ];
        const diff = samples('npm run diff -- --base HEAD', runs, () => measure(command, io.cwd), progress);
        lines.push(rowOf('npm run diff -- --base HEAD (two synths and the diff)', diff));
        ratios.push(`npm run diff / npm run synth: ${(summary(diff).seconds / synthMedian).toFixed(2)}x (budget 2.5x)`);
      } else {
        lines.push(`| npm run diff | not measured: ${io.cwd} is not a git checkout | | |`);
      }
      lines.push('', ...ratios);

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
      const config = loadPlatformConfig();
      await inProcess('in-process synth, warm-up', config); // warm the module cache so both sides below compare synth work only
      const base = await inProcess('in-process synth', config);
      const more = await inProcess('in-process synth with one more environment', withExtraEnvironment(tradesense));
      const perStack = (more.ms - base.ms) / Math.max(1, more.stacks - base.stacks);
      lines.push(
        '',
        `In-process synth (both halves, no checks): ${base.stacks} stacks in ${base.ms.toFixed(0)} ms; with one more environment ${more.stacks} stacks in ${more.ms.toFixed(0)} ms`,
        `Marginal cost per extra stack (incl. its cluster's manifests): ${perStack.toFixed(1)} ms`,
      );
      if (values.scale) lines.push('', ...scaleTable(runs, synth, warmUp, progress, work));
      io.stdout(`${lines.join('\n')}\n`);
      return 0;
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
}

interface ScalePoint {
  readonly label: string;
  readonly environments: number;
  readonly stacks: number;
  readonly clusters: number;
  readonly seconds: number;
  readonly peak: string;
}

/** `npm run synth -- --config <generated>` at 1x, 3x and 7x the stacks and at 12 environments x 3 regions, with the marginal cost per stack. */
function scaleTable(
  runs: number,
  synth: (config?: PlatformConfigInput, name?: string) => string[],
  warmUp: (what: string, command: string[]) => Sample,
  progress: (what: string, seconds: number) => void,
  work: string,
): string[] {
  const point = (label: string, environments: number, input: PlatformConfigInput): ScalePoint => {
    const command = synth(input, `scale-${environments}.json`);
    // The first synth of a generated config renders its new clusters' charts into the cache (minutes, once).
    warmUp(`${label}: synth`, command);
    const taken = samples(`${label}: synth`, runs, () => measure(command, work), progress);
    return { label, environments, ...synthCounts(taken[0]?.stdout ?? ''), ...summary(taken) };
  };
  const real = point('1x (the TradeSense config)', Object.keys(tradesense.environments).length, tradesense);
  const large = point(`${LARGE_ENVIRONMENTS} environments x 3 regions`, LARGE_ENVIRONMENTS, scaledConfig(tradesense, LARGE_ENVIRONMENTS));
  const perEnvironment = large.stacks / LARGE_ENVIRONMENTS;
  const sized = [3, 7].map((times) => {
    const environments = environmentsFor(times, real.stacks, perEnvironment);
    return point(`${times}x the stacks`, environments, scaledConfig(tradesense, environments));
  });
  const points = [real, ...sized, large].sort((a, b) => a.stacks - b.stacks);
  return [
    `Scale: npm run synth -- --config <generated> (tools/bench/scaled-config.ts: copies of dev, staging and prod, each in us-east-1, us-west-2 and eu-west-1), ${runs} warm runs each:`,
    '',
    '| size | environments | stacks | clusters | median | peak memory | per stack | marginal per stack (from 1x) |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...points.map((p) => {
      const marginal = p === real ? '' : `${(((p.seconds - real.seconds) * 1000) / (p.stacks - real.stacks)).toFixed(1)} ms`;
      return `| ${p.label} | ${p.environments} | ${p.stacks} | ${p.clusters} | ${p.seconds.toFixed(2)} s | ${p.peak} | ${((p.seconds * 1000) / p.stacks).toFixed(1)} ms | ${marginal} |`;
    }),
  ];
}

runIfMain(import.meta.url, run);
