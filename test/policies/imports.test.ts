import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..', '..');

function typescriptFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return typescriptFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

/** Every module a file names: static imports and re-exports (type-only ones too) and dynamic imports. */
export function specifiers(source: string): string[] {
  const found = [
    ...source.matchAll(/^\s*(?:import|export)\s[^;]*?\sfrom\s+['"]([^'"]+)['"]/gms),
    ...source.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm),
    ...source.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g),
  ];
  return found.map((m) => m[1] ?? '');
}

/** The repository folder a relative specifier lands in (`tools`, `config`...), or the package name. */
const target = (file: string, specifier: string): string =>
  specifier.startsWith('.') ? (relative(ROOT, resolve(dirname(file), specifier)).split('/')[0] ?? '') : specifier;

describe('import direction', () => {
  const files = typescriptFiles(join(ROOT, 'policies'));

  it('reads every import form the scan relies on', () => {
    const sample = "import type { A } from '../tools/a.js';\nexport { b } from '../../tools/b.js';\nimport {\n  c,\n} from '../tools/c.js';\nimport '../tools/d.js';\nawait import('../tools/e.js');";
    expect(specifiers(sample)).toEqual(['../tools/a.js', '../../tools/b.js', '../tools/c.js', '../tools/d.js', '../tools/e.js']);
  });

  it('nothing in policies/ imports from tools/ (tools/ may import policies/)', () => {
    expect(files.length).toBeGreaterThan(80);
    const offending = files.flatMap((file) =>
      specifiers(readFileSync(file, 'utf8'))
        .filter((s) => target(file, s) === 'tools')
        .map((s) => `${relative(ROOT, file)} -> ${s}`),
    );
    expect(offending).toEqual([]);
  });

});
