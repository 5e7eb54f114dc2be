import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { synthesize } from '../../tools/synth/run.js';
import { run as synth } from '../../tools/synth.js';
import { runCli } from './cli/harness.js';
import { configInput, configWith, keepOnlyEnvironment, platformConfig } from '../support/platform.js';
import { synthOutputCopy } from '../support/synth-once/read.js';

function treeHash(root: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir).sort()) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(path);
      else out.set(relative(root, path), createHash('sha256').update(readFileSync(path)).digest('hex'));
    }
  };
  walk(root);
  return out;
}

describe('synth', () => {
  let first: string;
  let firstTree: Map<string, string>;

  // The run's one synth (test/support/synth-once): `npm run synth` in another process.
  beforeAll(() => {
    first = synthOutputCopy('synth-a-');
    firstTree = treeHash(first);
  });

  test('writes cdktf.out/stacks/<env>-<region>-<kind>/cdk.tf.json and dist/<env>/<region>/*.k8s.yaml', () => {
    const files = [...firstTree.keys()];
    expect(files).toContain('cdktf.out/stacks/prod-us-west-2-cluster/cdk.tf.json');
    expect(files).toContain('cdktf.out/stacks/dev-us-east-1-network/cdk.tf.json');
    for (const dir of ['dev/us-east-1', 'staging/us-east-1', 'staging/us-west-2', 'prod/us-east-1', 'prod/us-west-2']) {
      expect(files.filter((f) => f.startsWith(`dist/${dir}/`) && f.endsWith('.k8s.yaml')).length).toBeGreaterThan(0);
      expect(files).toContain(`dist/${dir}/kustomization.yaml`);
    }
  });

  test('is byte-identical across runs (and across output folders and processes)', async () => {
    const second = mkdtempSync(join(tmpdir(), 'synth-b-'));
    await synthesize(platformConfig(), { root: second });
    expect(treeHash(second)).toEqual(firstTree);
  });

  test('a failed check leaves the previous output untouched', async () => {
    const failing = {
      'always-fails': () => [{ severity: 'error' as const, check: 'always-fails', where: 'x', message: 'broken on purpose' }],
    };
    // Any config shows it: dev alone, a third of the work.
    const devOnly = configWith((c) => keepOnlyEnvironment(c, 'dev'));
    await expect(synthesize(devOnly, { root: first, checks: failing })).rejects.toThrow(/\[always-fails\] x: broken on purpose/);
    expect(treeHash(first)).toEqual(firstTree);
    expect(readdirSync(first).filter((d) => d.startsWith('.synth-staging'))).toEqual([]);
  });

  test('a synth that throws (bad stack input) leaves the previous output untouched', async () => {
    const root = mkdtempSync(join(tmpdir(), 'synth-d-'));
    mkdirSync(join(root, 'dist'), { recursive: true });
    writeFileSync(join(root, 'dist', 'marker.yaml'), 'previous: true\n');
    const broken = configWith((c) => {
      keepOnlyEnvironment(c, 'dev');
      const dev = c.environments.dev;
      if (dev) dev.extraTags = { DataClassification: 'public' };
    });
    // Break the tagging aspect's invariant after parsing, as a bug in a stack would.
    const bad = {
      ...broken,
      tagTaxonomy: [...broken.tagTaxonomy, { key: 'Nonexistent', label: 'x/y', description: 'missing everywhere' }],
    };
    await expect(synthesize(bad, { root })).rejects.toThrow(/missing mandatory tag 'Nonexistent'/);
    expect(readFileSync(join(root, 'dist', 'marker.yaml'), 'utf8')).toBe('previous: true\n');
    expect(existsSync(join(root, 'cdktf.out'))).toBe(false);
  });
});

describe('synth CLI', () => {
  test('bad config exits non-zero with the message and writes nothing', async () => {
    const root = mkdtempSync(join(tmpdir(), 'synth-cli-'));
    writeFileSync(join(root, 'what-if.json'), JSON.stringify({ ...configInput(), deployOrder: ['dev', 'qa'] }));
    const result = await runCli(synth, ['--config', 'what-if.json'], root);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/deployOrder\[1\]: unknown environment 'qa'/);
    expect(result.stderr).toMatch(/previous output left untouched/);
    expect(readdirSync(root)).toEqual(['what-if.json']);
  });
});
