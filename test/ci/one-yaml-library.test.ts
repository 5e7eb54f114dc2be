import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { specifiers } from '../support/imports.js';

const ROOT = join(import.meta.dirname, '..', '..');
const SKIP = new Set(['node_modules', '.git', '.build', 'cdktf.out', 'dist', 'vendor']);

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (SKIP.has(name)) return [];
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : /\.(ts|mts|mjs|cjs|js)$/.test(name) ? [path] : [];
  });
}

/** YAML parsers and writers on npm: none of them may sit beside js-yaml in our own code. */
const OTHER_YAML_LIBRARIES = ['yaml', 'yamljs', 'yaml-js'];

describe('one YAML library', () => {
  it('every file of ours reads and writes YAML with js-yaml, and package.json depends on no other', () => {
    const offenders = sources(ROOT).filter((f) => specifiers(readFileSync(f, 'utf8')).some((s) => OTHER_YAML_LIBRARIES.includes(s)));
    expect(offenders.map((f) => f.slice(ROOT.length + 1))).toEqual([]);
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Record<string, Record<string, string> | undefined>;
    const declared = [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.devDependencies ?? {})];
    expect(declared.filter((d) => OTHER_YAML_LIBRARIES.includes(d))).toEqual([]);
    expect(declared).toContain('js-yaml');
  });
});
