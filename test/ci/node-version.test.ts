import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { satisfiesRange } from '../support/node-range.js';
import { ROOT, WORKFLOWS_DIR } from './workflows.js';

const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');

/** The README's claim, `Node 20.19+`: the oldest Node the repository runs on. */
function claimedNode(): string {
  const match = /\(Node (\d+)\.(\d+)\+/.exec(read('README.md'));
  if (!match) throw new Error('README.md no longer states the Node version as (Node <major>.<minor>+');
  return `${match[1]}.${match[2]}.0`;
}

interface LockEntry {
  readonly version?: string;
  readonly engines?: { readonly node?: string } | readonly string[];
}

describe('the Node version the README claims', () => {
  const claimed = claimedNode();

  test('package.json requires it', () => {
    expect(JSON.parse(read('package.json')).engines.node).toBe(`>=${claimed.replace(/\.0$/, '')}`);
  });

  test('every installed dependency supports it (npm would warn EBADENGINE otherwise)', () => {
    const lock = JSON.parse(read('package-lock.json')) as { packages: Record<string, LockEntry> };
    const refusing = Object.entries(lock.packages).flatMap(([path, entry]) => {
      const range = entry.engines && !Array.isArray(entry.engines) ? (entry.engines as { node?: string }).node : undefined;
      return range && !satisfiesRange(claimed, range)
        ? [`${path.replace(/^.*node_modules\//, '')}@${entry.version ?? '?'} requires node ${range}`]
        : [];
    });
    expect(refusing).toEqual([]);
  });

  test('CI runs that major version in every workflow', () => {
    const versions = readdirSync(WORKFLOWS_DIR)
      .filter((f) => f.endsWith('.yml'))
      .flatMap((f) =>
        [...readFileSync(join(WORKFLOWS_DIR, f), 'utf8').matchAll(/(?:node-version|NODE_VERSION): '(\d+)[^']*'/g)].map(
          (m) => `${f}: ${m[1] ?? ''}`,
        ),
      );
    expect(versions.length).toBeGreaterThan(0);
    expect(versions.filter((v) => !v.endsWith(`: ${claimed.split('.')[0] ?? ''}`))).toEqual([]);
  });

  test.each([
    ['20.19.0', '^20.19.0 || >=22.12.0', true],
    ['20.18.1', '^20.19.0 || >=22.12.0', false],
    ['20.19.0', '>=22', false],
    ['20.19.0', '>=16 || 14 >=14.17', true],
    ['20.19.0', '6.* || 8.* || >= 10.*', true],
    ['20.19.0', '>=6 <7 || >=8', true],
    ['7.1.0', '>=6 <7 || >=8', false],
  ])('node %s against %s: %s', (version, range, expected) => {
    expect(satisfiesRange(version, range)).toBe(expected);
  });
});
