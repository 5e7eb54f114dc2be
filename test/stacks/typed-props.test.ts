import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, specifiers, typescriptFiles } from '../support/imports.js';

/** Modules that are the config itself: its type, its values, its loader. */
const readsConfig = (target: string) =>
  target === 'config/schema/platform.ts' || target === 'config/load.ts' || target.startsWith('config/values/');

const importsOf = (file: string) =>
  specifiers(readFileSync(join(ROOT, file), 'utf8'))
    .filter((s) => s.startsWith('.'))
    .map((s) => relative(ROOT, resolve(ROOT, dirname(file), s)).replace(/\.js$/, '.ts'));

const files = ['stacks', 'constructs'].flatMap((dir) => typescriptFiles(join(ROOT, dir)).map((f) => relative(ROOT, f))).sort();

describe('only stacks/app.ts reads the config on the Terraform side', () => {
  it('the check sees a config import where there is one', () => {
    expect(importsOf('stacks/app.ts').filter(readsConfig)).toEqual(['config/schema/platform.ts']);
  });

  it('no other stack or construct imports the config type, its values or its loader', () => {
    const offenders = files.filter((f) => f !== 'stacks/app.ts' && importsOf(f).some(readsConfig));
    expect(offenders).toEqual([]);
  });
});
