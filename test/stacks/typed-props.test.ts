import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, specifiers, typescriptFiles } from '../support/imports.js';

/**
 * Files that still take the whole config (issue 15: each goes once its stacks
 * take typed props; PlatformStack keeps the transitional LegacyPlatformStackProps
 * until then). A file that no longer reads the config must leave this list.
 */
const NOT_YET_TYPED = new Set([
  'stacks/backup.ts',
  'stacks/cluster-secrets.ts',
  'stacks/database.ts',
  'stacks/dns-failover.ts',
  'stacks/edge.ts',
  'stacks/ingress.ts',
  'stacks/platform-stack.ts',
  'stacks/state-bootstrap.ts',
  'stacks/velero-storage.ts',
  // boundaryStatements (the state stack's permissions boundary) still takes the config.
  'constructs/aws/ci-policies.ts',
]);

/** Modules that are the config itself: its type, its values, its loader. */
const readsConfig = (target: string) => target === 'config/schema/platform.ts' || target === 'config/load.ts' || target.startsWith('config/values/');

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
    const offenders = files.filter((f) => f !== 'stacks/app.ts' && !NOT_YET_TYPED.has(f) && importsOf(f).some(readsConfig));
    expect(offenders).toEqual([]);
  });

  it('every file still listed as not typed does read the config (the list only shrinks)', () => {
    expect([...NOT_YET_TYPED].filter((f) => !importsOf(f).some(readsConfig))).toEqual([]);
  });
});
