import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const SKIP = new Set(['node_modules', '.git', '.build', 'cdktf.out', 'dist', 'vendor']);

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (SKIP.has(name)) return [];
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

describe('one TypeScript runner', () => {
  it('runs every script, workflow step and documented command through tools/run.mjs (no tsx anywhere)', () => {
    const offenders = files(ROOT)
      .filter((f) => /\.(ts|mjs|js|json|ya?ml|md|sh)$/.test(f) && !f.endsWith('one-runner.test.ts') && !f.endsWith('package-lock.json'))
      .filter((f) => /\btsx\b(?![-\w])/.test(readFileSync(f, 'utf8').replace(/\.tsx\b/g, '')));
    expect(offenders.map((f) => f.slice(ROOT.length + 1))).toEqual([]);
  });
});
