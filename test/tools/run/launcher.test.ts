import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundlePaths } from '../../../tools/synth/bundle.mjs';
import { compileCacheFile } from '../../../tools/synth/compile-cache.mjs';

const ROOT = join(import.meta.dirname, '..', '..', '..');

describe('tools/run.mjs', () => {
  it('rebuilds a bundle when an input changes, whichever folder it was started from', () => {
    // A throwaway entry inside the repository (so it bundles like any tool), started from a nested folder.
    const dir = mkdtempSync(join(ROOT, '.build', 'launcher-test-'));
    const nested = join(dir, 'a', 'b');
    mkdirSync(nested, { recursive: true });
    const entry = join(dir, 'entry.ts');
    const dep = join(dir, 'dep.ts');
    const run = () => spawnSync(process.execPath, [join(ROOT, 'tools', 'run.mjs'), entry], { cwd: nested, encoding: 'utf8' });
    const { name, bundle, manifest } = bundlePaths(ROOT, entry);
    try {
      writeFileSync(dep, "export const word = 'first';\n");
      writeFileSync(entry, "import { word } from './dep.js';\nconsole.log(word);\n");
      expect(run().stdout.trim()).toBe('first');
      writeFileSync(dep, "export const word = 'second, longer';\n");
      expect(run().stdout.trim()).toBe('second, longer');
      const inputs = JSON.parse(readFileSync(manifest, 'utf8')) as [string, number, number][];
      expect(inputs.every(([file, size]) => !file.startsWith('..') && size >= 0)).toBe(true);
    } finally {
      // The throwaway entry leaves nothing in .build: its folder, bundle, inputs list and code cache go.
      for (const path of [dir, bundle, manifest, compileCacheFile(ROOT, name)]) rmSync(path, { recursive: true, force: true });
    }
  });
});
