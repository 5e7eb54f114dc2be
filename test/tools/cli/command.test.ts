import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { helpText, parseCommand, type CommandSpec } from '../../../tools/cli/command.js';
import { UsageError } from '../../../tools/cli/errors.js';
import { jsonErrorPlace } from '../../../tools/cli/json-error.js';
import type { CliRun } from '../../../tools/cli/run.js';
import { run as bench } from '../../../tools/bench.js';
import { run as cdk8sApp } from '../../../tools/cdk8s-app.js';
import { run as cdktfApp } from '../../../tools/cdktf-app.js';
import { run as refresh } from '../../../tools/charts/refresh.js';
import { run as codeowners } from '../../../tools/codeowners/cli.js';
import { run as compliance } from '../../../tools/compliance/cli.js';
import { run as config } from '../../../tools/config/cli.js';
import { run as cost } from '../../../tools/cost/cli.js';
import { run as diff } from '../../../tools/diff/cli.js';
import { run as dora } from '../../../tools/dora/cli.js';
import { run as drift } from '../../../tools/drift/cli.js';
import { run as state } from '../../../tools/state/cli.js';
import { run as synth } from '../../../tools/synth.js';
import { run as validate } from '../../../tools/validate/cli.js';
import { run as loadTests } from '../../../load-tests/generate.js';
import { runCli, treeOf } from './harness.js';

const SPEC: CommandSpec = {
  name: 'npm run example --',
  summary: 'An example.',
  positionals: [{ name: 'command', choices: ['one', 'two'], description: 'what to do' }],
  options: {
    config: { type: 'string', value: 'file', description: 'a file' },
    check: { type: 'boolean', short: 'c', description: 'only check' },
  },
};

const scratch = () => mkdtempSync(join(tmpdir(), 'cli-'));

describe('the command-line helper', () => {
  test('parses flags (inline values, short forms) and positionals', () => {
    expect(parseCommand(SPEC, ['one', '--config=a.json', '-c'])).toEqual({
      help: false,
      values: { config: 'a.json', check: true },
      positionals: ['one'],
    });
    expect(parseCommand(SPEC, ['two', '--config', 'a.json']).values.config).toBe('a.json');
  });

  test('--help wins before a --, not after it', () => {
    expect(parseCommand(SPEC, ['--bogus', '--help']).help).toBe(true);
    expect(() => parseCommand(SPEC, ['one', '--', '--help'])).toThrow(/unexpected argument '--help'/);
  });

  test.each([
    [['one', '--bogus'], /unknown option '--bogus'; use one of --config, --check/],
    [['one', '--chek'], /did you mean '--check'\?/],
    [['one', '--config'], /--config <file> needs a value/],
    [['one', '--check=no'], /--check takes no value/],
    [['three'], /unknown command 'three'; use one of one, two/],
    [[], /missing <command>: what to do/],
  ])('%j is a usage error', (argv, message) => {
    expect(() => parseCommand(SPEC, argv)).toThrow(UsageError);
    expect(() => parseCommand(SPEC, argv)).toThrow(message);
  });

  test('help lists the usage, every option with its description and -h', () => {
    const text = helpText(SPEC);
    expect(text).toMatch(/^usage: npm run example -- one\|two \[--config <file>\] \[--check\]$/m);
    expect(text).toMatch(/^ {2}--config <file> +a file$/m);
    expect(text).toMatch(/^ {2}-c, --check +only check$/m);
    expect(text).toMatch(/^ {2}-h, --help +show this help and exit$/m);
  });

  test.each([
    ['{"a": 1}', undefined],
    ['{\n  "a": 1\n  "b": 2\n}', { line: 3, column: 3, expected: "',' or '}'" }],
    ['[1, 2,]', { line: 1, column: 7, expected: 'a value' }],
    ['{"a": tru}', { line: 1, column: 10, expected: "'true'" }],
  ])('JSON errors are placed by line and column: %j', (text, place) => {
    expect(jsonErrorPlace(text)).toEqual(place);
  });
});

const TOOLS: Record<string, CliRun> = {
  synth,
  config,
  validate,
  cost,
  diff,
  compliance,
  codeowners,
  dora,
  bench,
  state,
  'charts:refresh': refresh,
  drift,
  'load-tests:generate': loadTests,
  'cdktf app': cdktfApp,
  'cdk8s app': cdk8sApp,
};

describe('every tool', () => {
  test.each(Object.entries(TOOLS))('%s: --help prints its usage and exits 0, writing nothing', async (_name, tool) => {
    const cwd = scratch();
    const result = await runCli(tool, ['--help'], cwd);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^usage: /);
    expect(result.stdout).toMatch(/-h, --help/);
    expect(treeOf(cwd)).toEqual({});
  });

  test('codeowners -- --help leaves a stale CODEOWNERS as it is (without --help it would rewrite it)', async () => {
    const cwd = scratch();
    writeFileSync(join(cwd, 'CODEOWNERS'), 'stale\n');
    expect((await runCli(codeowners, ['--help'], cwd)).code).toBe(0);
    expect(readFileSync(join(cwd, 'CODEOWNERS'), 'utf8')).toBe('stale\n');
    expect((await runCli(codeowners, [], cwd)).stdout).toBe('wrote CODEOWNERS\n');
    expect(readFileSync(join(cwd, 'CODEOWNERS'), 'utf8')).not.toBe('stale\n');
  });

  test('codeowners --check reports a stale file with exit 1 and writes nothing', async () => {
    const cwd = scratch();
    writeFileSync(join(cwd, 'CODEOWNERS'), 'stale\n');
    const result = await runCli(codeowners, ['--check'], cwd);
    expect(result).toMatchObject({ code: 1, stderr: expect.stringMatching(/CODEOWNERS is stale: run `npm run codeowners`/) });
    expect(readFileSync(join(cwd, 'CODEOWNERS'), 'utf8')).toBe('stale\n');
  });
});

describe('drift', () => {
  test('classify exits 1 on real drift (the workflow fails on any non-zero verdict)', async () => {
    const cwd = scratch();
    const plan = {
      format_version: '1.2',
      resource_changes: [
        { address: 'aws_s3_bucket.b', type: 'aws_s3_bucket', change: { actions: ['delete'], before: {}, after: null, after_unknown: {} } },
      ],
    };
    writeFileSync(join(cwd, 'plan.json'), JSON.stringify(plan));
    const result = await runCli(drift, ['classify', 'prod-us-east-1-backup', 'plan.json'], cwd);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/aws_s3_bucket\.b/);
  });
});
