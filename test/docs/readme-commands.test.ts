import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { load } from 'js-yaml';
import type { CommandSpec } from '../../tools/cli/command.js';
import { BENCH_COMMAND } from '../../tools/bench.js';
import { REFRESH_COMMAND } from '../../tools/charts/refresh.js';
import { CODEOWNERS_COMMAND } from '../../tools/codeowners/cli.js';
import { COMPLIANCE_COMMAND } from '../../tools/compliance/cli.js';
import { CONFIG_COMMAND } from '../../tools/config/cli.js';
import { COST_COMMAND } from '../../tools/cost/cli.js';
import { DIFF_COMMAND } from '../../tools/diff/cli.js';
import { DORA_COMMAND } from '../../tools/dora/cli.js';
import { DRIFT_COMMAND } from '../../tools/drift/cli.js';
import { STATE_COMMAND } from '../../tools/state/cli.js';
import { SYNTH_COMMAND } from '../../tools/synth.js';
import { VALIDATE_COMMAND } from '../../tools/validate/cli.js';
import { USAGE as DEPLOY_PLAN_USAGE } from '../../tools/deploy-plan/command.js';
import { LOAD_TESTS_COMMAND } from '../../load-tests/generate.js';

const ROOT = resolve(__dirname, '../..');
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;

/** The commands table: first cell (the command) to second cell (its flags). */
const rows = new Map(
  readme
    .split('## Commands')[1]
    ?.split('\n')
    .filter((line) => line.startsWith('| `'))
    .map((line) => {
      const [command = '', flags = ''] = line.split(/ \| /).map((cell) => cell.replace(/^\| /, ''));
      return [command, flags] as const;
    }) ?? [],
);

const SPECS: Record<string, CommandSpec> = {
  synth: SYNTH_COMMAND,
  config: CONFIG_COMMAND,
  bench: BENCH_COMMAND,
  diff: DIFF_COMMAND,
  cost: COST_COMMAND,
  compliance: COMPLIANCE_COMMAND,
  codeowners: CODEOWNERS_COMMAND,
  dora: DORA_COMMAND,
  state: STATE_COMMAND,
  'charts:refresh': REFRESH_COMMAND,
  drift: DRIFT_COMMAND,
  'load-tests:generate': LOAD_TESTS_COMMAND,
  validate: VALIDATE_COMMAND,
};

/** deploy-plan parses its own flags (tools/deploy-plan/command.ts): they are read from its usage text. */
const deployPlanFlags = [...new Set([...DEPLOY_PLAN_USAGE.matchAll(/(--[a-z-]+)/g)].map((m) => m[1] ?? ''))].filter((f) => f !== '--help');

const rowOf = (script: string) => [...rows].find(([command]) => command.startsWith(`\`npm run ${script}`));

describe('README: commands', () => {
  test('every tool script has a spec here and a row in the table', () => {
    const tools = Object.entries(scripts)
      .filter(([, cmd]) => cmd.startsWith('node tools/run.mjs'))
      .map(([name]) => name);
    expect(tools.sort()).toEqual([...Object.keys(SPECS), 'deploy-plan'].sort());
    for (const script of tools) expect(rowOf(script), script).toBeDefined();
  });

  test.each(Object.entries(SPECS))('the %s row lists exactly its flags', (script, spec) => {
    const flags = [...(rowOf(script)?.[1] ?? '').matchAll(/`(--[a-z-]+)/g)].map((m) => m[1]);
    expect(flags.sort()).toEqual(
      Object.keys(spec.options)
        .map((o) => `--${o}`)
        .sort(),
    );
  });

  test('the deploy-plan row lists exactly its flags', () => {
    const flags = [...(rowOf('deploy-plan')?.[1] ?? '').matchAll(/`(--[a-z-]+)/g)].map((m) => m[1]);
    expect(flags.sort()).toEqual([...deployPlanFlags].sort());
  });

  test('the standard CLIs are listed, and cdk8s is pointed at the scratch folder the README names', () => {
    expect([...rows.keys()].some((c) => c.startsWith('`npx cdktf synth'))).toBe(true);
    expect([...rows.keys()].some((c) => c.startsWith('`npx cdk8s synth'))).toBe(true);
    const output = (load(readFileSync(join(ROOT, 'cdk8s.yaml'), 'utf8')) as { output: string }).output;
    expect(readme).toContain(`points it at the scratch\nfolder \`${output}\``);
  });
});
