import { describe, expect, it } from 'vitest';
import { importCycles, importGraph } from '../support/imports.js';

describe('no import cycles in charts/', () => {
  it('reads the imports of charts/ (a component file imports its charts, a chart its names)', () => {
    const graph = importGraph('charts');
    expect(graph.get('charts/velero/components.ts')).toEqual(
      expect.arrayContaining(['charts/velero/velero-locations.ts', 'charts/velero/names.ts']),
    );
    expect(graph.get('charts/app.ts')).toContain('charts/components.ts');
  });

  it('no file of charts/ imports itself through others', () => {
    expect(importCycles(importGraph('charts'))).toEqual([]);
  });
});
