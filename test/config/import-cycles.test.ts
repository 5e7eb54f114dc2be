import { describe, expect, it } from 'vitest';
import { importCycles, importGraph } from '../support/imports.js';

describe('no import cycles in config/', () => {
  it('finds a cycle when there is one (the check can fail)', () => {
    const graph = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts']],
      ['d.ts', ['a.ts']],
    ]);
    expect(importCycles(graph)).toEqual(['a.ts -> b.ts -> c.ts -> a.ts']);
    expect(
      importCycles(
        new Map([
          ['a.ts', ['b.ts']],
          ['b.ts', []],
        ]),
      ),
    ).toEqual([]);
  });

  it('reads the imports of config/ (type-only imports count: a cycle of types is still a tangle)', () => {
    const graph = importGraph('config');
    expect(graph.get('config/load.ts')).toEqual(
      expect.arrayContaining(['config/invariants/all.ts', 'config/schema/platform.ts', 'config/values/tradesense.ts']),
    );
    expect(graph.get('config/invariants/regions.ts')).toContain('config/invariants/invariant.ts');
  });

  it('no file of config/ imports itself through others', () => {
    expect(importCycles(importGraph('config'))).toEqual([]);
  });
});
