import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { bundleFunction, deterministicZip, REPO_ROOT } from '../../constructs/aws/function-bundle.js';

/** Reads the single entry of a zip written by deterministicZip. */
function unzipOne(zip: Buffer): { name: string; content: string; dosTime: number; dosDate: number } {
  const nameLength = zip.readUInt16LE(26);
  const size = zip.readUInt32LE(18);
  return {
    name: zip.subarray(30, 30 + nameLength).toString(),
    content: inflateRawSync(zip.subarray(30 + nameLength, 30 + nameLength + size)).toString(),
    dosTime: zip.readUInt16LE(10),
    dosDate: zip.readUInt16LE(12),
  };
}

describe('function bundles', () => {
  test('the zip is byte-identical for the same content, with fixed timestamps', () => {
    const a = deterministicZip('index.mjs', Buffer.from('export const handler = () => 1;\n'));
    const b = deterministicZip('index.mjs', Buffer.from('export const handler = () => 1;\n'));
    expect(a.equals(b)).toBe(true);
    expect(unzipOne(a)).toEqual({ name: 'index.mjs', content: 'export const handler = () => 1;\n', dosTime: 0, dosDate: 0x21 });
    expect(a.readUInt32LE(a.length - 22)).toBe(0x06054b50);
  });

  test.each(['cost-report', 'idle-cleanup'])('%s bundles once per source state into index.mjs, SDK external, no absolute paths', (name) => {
    const first = bundleFunction(name);
    expect(bundleFunction(name)).toEqual(first);
    expect(relative(REPO_ROOT, first.zipPath)).toMatch(new RegExp(`^\\.build/functions/[0-9a-f]{16}/${name}\\.zip$`));
    const { name: entry, content } = unzipOne(readFileSync(first.zipPath));
    expect(entry).toBe('index.mjs');
    expect(content).toMatch(/^import .* from "@aws-sdk\/client-/m);
    expect(content).not.toContain('node_modules');
    expect(content).not.toContain(REPO_ROOT);
  });

  test('a missing function names the file to create', () => {
    expect(() => bundleFunction('no-such-function')).toThrow(
      /function 'no-such-function' has no entry point; create functions\/no-such-function\/handler\.ts/,
    );
  });
});
