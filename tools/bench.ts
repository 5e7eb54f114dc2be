/**
 * `npm run bench`: median wall time and peak memory of the full synth over N
 * runs, beside `npx cdktf synth` on the same code, plus the marginal cost of one
 * more stack. Figures, not assertions: tests never time anything.
 *
 *   npm run bench -- [--runs 5] [--no-cli]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadPlatformConfig, parsePlatformConfig, type PlatformConfig, type PlatformConfigInput } from '../config/index.js';
import { tradesense } from '../config/values/tradesense.js';
import { synthesizeTo } from './synth/run.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' }, 'no-cli': { type: 'boolean', default: false } } });
const runs = Math.max(3, Number(values.runs));
const GNU_TIME = '/usr/bin/time';

interface Sample {
  readonly seconds: number;
  /** Peak resident set of the process tree, when GNU time is available. */
  readonly peakMb?: number;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
};

function measure(command: string[]): Sample {
  const env = { ...process.env, CHECKPOINT_DISABLE: '1' };
  if (existsSync(GNU_TIME)) {
    const r = spawnSync(GNU_TIME, ['-f', 'BENCH %e %M', ...command], { encoding: 'utf8', env });
    const match = /BENCH ([\d.]+) (\d+)/.exec(r.stderr);
    if (r.status !== 0 || !match) throw new Error(`${command.join(' ')} failed:\n${r.stderr}`);
    return { seconds: Number(match[1]), peakMb: Number(match[2]) / 1024 };
  }
  const started = performance.now();
  const r = spawnSync(command[0] ?? '', command.slice(1), { encoding: 'utf8', env });
  if (r.status !== 0) throw new Error(`${command.join(' ')} failed:\n${r.stderr}`);
  return { seconds: (performance.now() - started) / 1000 };
}

function row(label: string, command: string[]): string {
  const samples = Array.from({ length: runs }, () => measure(command));
  const seconds = median(samples.map((s) => s.seconds));
  const peaks = samples.flatMap((s) => (s.peakMb === undefined ? [] : [s.peakMb]));
  const peak = peaks.length ? `${Math.round(median(peaks))} MB` : 'n/a (no GNU time)';
  return `| ${label} | ${seconds.toFixed(2)} s | ${peak} | ${samples.map((s) => s.seconds.toFixed(2)).join(', ')} |`;
}

/**
 * The TradeSense input plus one more single-region environment, `bench`, a copy
 * of dev: every per-environment section (any object keyed by environment names)
 * gets a copy of dev's entry, so the capabilities' stacks all appear for it.
 */
function withExtraEnvironment(input: PlatformConfigInput): PlatformConfig {
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
  bench.regions = { primary: { region: bench.regions.primary.region, vpcCidr: '10.250.0.0/16' } };
  copy.deployOrder = [...copy.deployOrder, 'bench'];
  return parsePlatformConfig(copy);
}

function inProcessMs(config: PlatformConfig): { ms: number; stacks: number } {
  const times: number[] = [];
  let stacks = 0;
  for (let i = 0; i < runs; i++) {
    const dir = mkdtempSync(join(tmpdir(), 'bench-'));
    const started = performance.now();
    stacks = synthesizeTo(config, dir).stacks.length;
    times.push(performance.now() - started);
    rmSync(dir, { recursive: true, force: true });
  }
  return { ms: median(times), stacks };
}

const lines = [
  `Full synth, ${runs} runs each (median wall time, median peak RSS of the process tree):`,
  '',
  '| command | median | peak memory | runs |',
  '| --- | --- | --- | --- |',
  row('npm run synth (both halves + checks)', ['node', 'tools/run.mjs', 'tools/synth.ts']),
];
if (!values['no-cli']) lines.push(row('npx cdktf synth (Terraform half only)', ['npx', 'cdktf', 'synth']));

const config = loadPlatformConfig();
inProcessMs(config); // warm the module cache so both sides below compare synth work only
const base = inProcessMs(config);
const more = inProcessMs(withExtraEnvironment(tradesense));
const perStack = (more.ms - base.ms) / Math.max(1, more.stacks - base.stacks);
lines.push(
  '',
  `In-process synth: ${base.stacks} stacks in ${base.ms.toFixed(0)} ms; with one more environment ${more.stacks} stacks in ${more.ms.toFixed(0)} ms`,
  `Marginal cost per extra stack (incl. its cluster's manifests): ${perStack.toFixed(1)} ms`,
);
console.log(lines.join('\n'));
