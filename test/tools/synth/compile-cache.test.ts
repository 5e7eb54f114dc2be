import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';

const CACHE_MODULE = pathToFileURL(resolve(__dirname, '../../../tools/synth/compile-cache.mjs')).href;

describe('the V8 code cache of tools/run.mjs and the synth threads', () => {
  const dir = mkdtempSync(join(tmpdir(), 'compile-cache-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  // One small program per run (the cache patches the module loader of its whole process, never this test's).
  const load = () => {
    const program = [
      `import { installCompileCache } from ${JSON.stringify(CACHE_MODULE)};`,
      "import { createRequire } from 'node:module';",
      `const save = installCompileCache(${JSON.stringify(join(dir, 'cache.bin'))});`,
      `const value = createRequire(import.meta.url)(${JSON.stringify(join(dir, 'answer.js'))});`,
      'save();',
      'console.log(value.answer(), value.where());',
    ].join('\n');
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', program], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    return r.stdout.trim();
  };

  test('a module runs the same through the cache, and an edit of the same length is never served stale bytes', () => {
    writeFileSync(join(dir, 'answer.js'), 'exports.answer = () => 41 + 1;\nexports.where = () => __filename.endsWith("answer.js");\n');
    expect(load()).toBe('42 true'); // compiled afresh, cache written
    expect(statSync(join(dir, 'cache.bin')).size).toBeGreaterThan(0);
    expect(load()).toBe('42 true'); // from the cache
    // Same length, same second: V8 alone would accept the old bytes (it checks only the length).
    const before = statSync(join(dir, 'answer.js'));
    writeFileSync(join(dir, 'answer.js'), 'exports.answer = () => 40 + 3;\nexports.where = () => __filename.endsWith("answer.js");\n');
    utimesSync(join(dir, 'answer.js'), before.atime, new Date(before.mtimeMs + 1));
    expect(load()).toBe('43 true');
    expect(load()).toBe('43 true');
  });

  test('an unreadable cache file only costs a compile', () => {
    writeFileSync(join(dir, 'cache.bin'), 'not a cache');
    writeFileSync(join(dir, 'answer.js'), 'exports.answer = () => 7;\nexports.where = () => true;\n');
    expect(load()).toBe('7 true');
    expect(load()).toBe('7 true');
  });
});
