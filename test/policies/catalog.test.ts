import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKS } from '../../policies/catalog.js';
import type { PackEntry } from '../../policies/types.js';

const entries: PackEntry[] = PACKS.flatMap((p): PackEntry[] => [...p.entries]);
const ids = entries.map((e) => e.rule.id);
const docs = readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'guardrails.md'), 'utf8');

describe('policy catalog', () => {
  it('gives every rule one id, unique across packs, in kebab case', () => {
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it('words every rule: title, rationale and remediation', () => {
    for (const entry of entries) {
      expect({
        id: entry.rule.id,
        title: entry.title.length > 0,
        rationale: entry.rationale.length > 20,
        remediation: entry.remediation.length > 10,
      }).toEqual({
        id: entry.rule.id,
        title: true,
        rationale: true,
        remediation: true,
      });
    }
  });

  it.each(ids)('documents %s in docs/guardrails.md', (id) => {
    expect(docs).toContain(`| \`${id}\` |`);
  });
});
