import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { PLATFORM_COMPONENTS } from '../../charts/components.js';
import { SYNC_WAVES } from '../../charts/sync-waves.js';

const doc = readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'gitops.md'), 'utf8');
const table = doc.slice(doc.indexOf('| wave | name | examples |'), doc.indexOf('Every child Application has automated sync'));
/** `| 20 | \`operators\` | \`istiod\`, then \`alerting\` (22) |` → the band and each component with its wave. */
const rows = table
  .split('\n')
  .map((line) => /^\| (-?\d+) \| `(\w+)` \| (.*) \|$/.exec(line))
  .filter((m): m is RegExpExecArray => m !== null)
  .map(([, wave, band, examples]) => ({
    wave: Number(wave),
    band: band ?? '',
    components: [...(examples ?? '').matchAll(/`([a-z0-9-]+)`(?: \((\d+)\b)?/g)].map(([, name, own]) => ({
      name: name ?? '',
      wave: own ? Number(own) : Number(wave),
    })),
  }));

describe('the sync-wave table of docs/gitops.md', () => {
  test('names every band of SYNC_WAVES with its number', () => {
    expect(Object.fromEntries(rows.map((r) => [r.band, r.wave]))).toEqual(SYNC_WAVES);
  });

  test('puts every component it names at the wave the registry gives it', () => {
    const waves = new Map(PLATFORM_COMPONENTS.map((c) => [c.name, c.syncWave]));
    const named = rows.flatMap((r) => r.components.filter((c) => waves.has(c.name)));
    expect(named.length).toBeGreaterThanOrEqual(15);
    for (const c of named) expect({ name: c.name, wave: waves.get(c.name) }).toEqual(c);
  });
});
