import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { INVARIANTS } from '../../config/invariants/all.js';
import { importGraph, ROOT } from '../support/imports.js';

const CONFIG = join(ROOT, 'config');

describe('config/ reads like a map', () => {
  it('holds the parse machinery at its root and one folder per kind of content', () => {
    const entries = readdirSync(CONFIG, { withFileTypes: true });
    expect(
      entries
        .filter((e) => e.isDirectory())
        .map((e) => e.name)
        .sort(),
    ).toEqual(['derive', 'invariants', 'reference', 'schema', 'values']);
    expect(
      entries
        .filter((e) => e.isFile())
        .map((e) => e.name)
        .sort(),
    ).toEqual(['clock.ts', 'errors.ts', 'issue-problems.ts', 'load.ts', 'nearest.ts']);
  });

  it('has one way in: direct modules, no index file anywhere', () => {
    expect([...importGraph('config').keys()].filter((file) => file.endsWith('/index.ts'))).toEqual([]);
  });

  it('lists every invariant file in config/invariants/all.ts, and every rule id once', () => {
    const helpers = ['config/invariants/all.ts', 'config/invariants/invariant.ts', 'config/invariants/sorted.ts'];
    const graph = importGraph('config');
    const capabilities = [...graph.keys()].filter((file) => file.startsWith('config/invariants/') && !helpers.includes(file));
    expect(graph.get('config/invariants/all.ts')?.sort()).toEqual([...capabilities, 'config/invariants/invariant.ts'].sort());
    const ids = INVARIANTS.map((rule) => rule.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });

  it("the README's repository map names each folder and root module of config/", () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const map = readme.split('## Repository map')[1]?.split('```')[1] ?? '';
    const config = map.slice(map.indexOf('config/'), map.indexOf('constructs/'));
    for (const name of [
      'schema/',
      'values/',
      'invariants/',
      'derive/',
      'reference/',
      'load.ts',
      'errors.ts',
      'issue-problems.ts',
      'nearest.ts',
      'clock.ts',
    ]) {
      expect(config).toContain(name);
    }
  });
});
