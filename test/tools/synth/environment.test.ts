import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { run as synth } from '../../../tools/synth.js';
import { stableJson, staleOutside } from '../../../tools/synth/swap.js';
import { configInput } from '../../support/platform.js';
import { synthOutputCopy } from '../../support/synth-once/read.js';
import { runCli, treeOf } from '../cli/harness.js';

/** A what-if that changes the prod deployment gate: only the cross-environment GitHub governance stack reads it. */
function gateChange(root: string): void {
  const input = configInput();
  const gate = input.ownership.environments.prod;
  if (gate) gate.waitTimerMinutes = 15;
  writeFileSync(join(root, 'what-if.json'), JSON.stringify(input));
}

describe('npm run synth -- --env <name>', () => {
  let root: string;
  let full: Record<string, string>;

  // A tree as `npm run synth` left it: the run's one synth (test/support/synth-once).
  beforeAll(() => {
    root = synthOutputCopy('synth-env-');
    full = treeOf(root);
  });

  test("replaces only that environment's stack folders, cluster folders and reports; on an up-to-date tree nothing else changes, byte for byte", async () => {
    const put = (file: string) => {
      mkdirSync(join(root, file, '..'), { recursive: true });
      writeFileSync(join(root, file), 'left by hand\n');
    };
    const others = [
      'cdktf.out/stacks/prod-global-state/bootstrap_override.tf.json',
      'dist/prod/us-east-1/extra.yaml',
      'dist/reports/encryption-report.md',
    ];
    const own = [
      'cdktf.out/stacks/dev-global-state/bootstrap_override.tf.json',
      'dist/dev/us-east-1/extra.yaml',
      'dist/reports/prerequisites-dev.md',
    ];
    for (const file of [...others, ...own]) put(file);
    const withOthers = { ...treeOf(root) };
    for (const file of own) delete withOthers[file];
    const result = await runCli(synth, ['--env', 'dev'], root);
    expect(result).toMatchObject({ code: 0, stdout: expect.stringMatching(/synthesized \d+ stacks .*\(environment dev only\)/) });
    const after = treeOf(root);
    for (const file of others) expect(readFileSync(join(root, file), 'utf8'), file).toBe('left by hand\n');
    expect(after['dist/reports/prerequisites-dev.md']).toBe(full['dist/reports/prerequisites-dev.md']);
    expect(after).toEqual({ ...withOthers, 'dist/reports/prerequisites-dev.md': full['dist/reports/prerequisites-dev.md'] });
    expect(Object.keys(after).filter((f) => !(f in full))).toEqual(others.filter((f) => !(f in full)));
  });

  test('a change to a cross-environment stack is left alone and named in a warning', async () => {
    gateChange(root);
    const before = readFileSync(join(root, 'cdktf.out/stacks/prod-global-github/cdk.tf.json'), 'utf8');
    const result = await runCli(synth, ['--config', 'what-if.json', '--env', 'dev'], root);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(
      /warning \[environment-synth\] outside dev: 1 stack\(s\) this config changes were left as they were: prod-global-github; run npm run synth/,
    );
    expect(readFileSync(join(root, 'cdktf.out/stacks/prod-global-github/cdk.tf.json'), 'utf8')).toBe(before);
  });
});

describe('environment swap helpers', () => {
  test('the manifest is written as cdktf writes it (sorted keys, json-stable-stringify layout)', () => {
    expect(stableJson({ version: '0.21.0', stacks: { b: { dependencies: [], name: 'b' }, a: { annotations: [] } } })).toBe(
      '{\n  "stacks": {\n    "a": {\n      "annotations": [\n      ]\n    },\n    "b": {\n      "dependencies": [\n      ],\n      "name": "b"\n    }\n  },\n  "version": "0.21.0"\n}',
    );
  });

  test('stale stacks are those outside the environment whose text differs, or that exist on one side only', () => {
    const staging = mkdtempSync(join(tmpdir(), 'stale-'));
    const root = mkdtempSync(join(tmpdir(), 'stale-'));
    const put = (base: string, stack: string, text: string) => {
      mkdirSync(join(base, 'cdktf.out', 'stacks', stack), { recursive: true });
      writeFileSync(join(base, 'cdktf.out', 'stacks', stack, 'cdk.tf.json'), text);
    };
    put(staging, 'dev-global-state', 'new');
    put(root, 'dev-global-state', 'old');
    put(staging, 'prod-global-github', 'new');
    put(root, 'prod-global-github', 'old');
    put(staging, 'prod-global-state', 'same');
    put(root, 'prod-global-state', 'same');
    put(root, 'staging-global-gone', 'x');
    expect(staleOutside(staging, root, 'dev')).toEqual(['prod-global-github', 'staging-global-gone']);
  });
});
