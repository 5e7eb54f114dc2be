import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

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
    writeFileSync(dep, "export const word = 'first';\n");
    writeFileSync(entry, "import { word } from './dep.js';\nconsole.log(word);\n");
    expect(run().stdout.trim()).toBe('first');
    writeFileSync(dep, "export const word = 'second, longer';\n");
    expect(run().stdout.trim()).toBe('second, longer');
    const manifest = JSON.parse(
      readFileSync(
        join(
          ROOT,
          '.build',
          `${entry
            .slice(ROOT.length + 1)
            .replace(/[\\/]/g, '_')
            .replace(/\.ts$/, '')}.inputs.json`,
        ),
        'utf8',
      ),
    ) as [string, number, number][];
    expect(manifest.every(([file, size]) => !file.startsWith('..') && size >= 0)).toBe(true);
  });
});
