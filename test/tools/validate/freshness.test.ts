import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { newestFile, staleReason, synthInputs } from '../../../tools/validate/freshness.js';

/** A repository with one synth input and cdktf.out written at `synthAt` (seconds). */
function repo(inputAt: number, synthAt?: number): string {
  const root = mkdtempSync(join(tmpdir(), 'validate-fresh-'));
  mkdirSync(join(root, 'stacks'));
  writeFileSync(join(root, 'stacks/network.ts'), '');
  utimesSync(join(root, 'stacks/network.ts'), inputAt, inputAt);
  if (synthAt !== undefined) {
    mkdirSync(join(root, 'cdktf.out/stacks'), { recursive: true });
    writeFileSync(join(root, 'cdktf.out/manifest.json'), '{}');
    utimesSync(join(root, 'cdktf.out/manifest.json'), synthAt, synthAt);
  }
  return root;
}

describe('staleReason', () => {
  it('asks for a synth when there is no synthesized output', () => {
    expect(staleReason(repo(1000), 'cdktf.out')).toBe('cdktf.out/ has no synthesized stacks');
  });

  it('names the input that changed after the last synth', () => {
    expect(staleReason(repo(2000, 1000), 'cdktf.out')).toBe('stacks/network.ts changed after the last synth');
  });

  it('accepts output newer than every input', () => {
    expect(staleReason(repo(1000, 2000), 'cdktf.out')).toBeUndefined();
  });
});

describe('synth inputs', () => {
  it('are the files of the last synth bundle plus what synth reads at run time', () => {
    const root = repo(1000);
    mkdirSync(join(root, '.build'));
    writeFileSync(
      join(root, '.build/tools_synth.inputs.json'),
      JSON.stringify([
        ['stacks/network.ts', 0, 1],
        ['node_modules/cdktf/lib/index.js', 0, 1],
      ]),
    );
    expect(synthInputs(root)).toEqual(['stacks/network.ts', 'functions', 'package-lock.json', 'cdktf.json']);
  });

  it('are every source folder when synth never ran through tools/run.mjs', () => {
    expect(synthInputs(repo(1000))).toEqual(
      expect.arrayContaining(['config', 'constructs', 'stacks', 'charts', 'policies', 'tools', 'functions']),
    );
  });

  it('skip dependencies and hidden folders', () => {
    const root = repo(1000);
    mkdirSync(join(root, 'stacks/node_modules'));
    writeFileSync(join(root, 'stacks/node_modules/x.js'), '');
    mkdirSync(join(root, 'stacks/.cache'));
    writeFileSync(join(root, 'stacks/.cache/y'), '');
    expect(newestFile(root, ['stacks'])?.file).toBe('stacks/network.ts');
  });
});
