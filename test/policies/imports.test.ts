import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, specifiers, typescriptFiles } from '../support/imports.js';

/** The repository folder a relative specifier lands in (`tools`, `config`...), or the package name. */
const target = (file: string, specifier: string): string =>
  specifier.startsWith('.') ? (relative(ROOT, resolve(dirname(file), specifier)).split('/')[0] ?? '') : specifier;

describe('import direction', () => {
  const files = typescriptFiles(join(ROOT, 'policies'));

  it('reads every import form the scan relies on', () => {
    const sample =
      "import type { A } from '../tools/a.js';\nexport { b } from '../../tools/b.js';\nimport {\n  c,\n} from '../tools/c.js';\nimport '../tools/d.js';\nawait import('../tools/e.js');";
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
