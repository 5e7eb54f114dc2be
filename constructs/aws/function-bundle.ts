import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32, deflateRawSync } from 'node:zlib';
import type { BuildOptions } from 'esbuild';

/** Repository root (this file lives in constructs/aws/). */
export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const FUNCTIONS_DIR = join(REPO_ROOT, 'functions');
const CACHE_DIR = join(REPO_ROOT, '.build', 'functions');

/** esbuild settings: ESM for the Node 22 runtime, whose SDK v3 stays outside the bundle. */
const BUILD_OPTIONS: BuildOptions = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  external: ['@aws-sdk/*'],
  legalComments: 'none',
  charset: 'utf8',
  minifySyntax: true,
  treeShaking: true,
  metafile: true,
  write: false,
};

export interface FunctionBundle {
  /** Absolute path of the zip in the local build cache. */
  readonly zipPath: string;
  /** base64 SHA-256 of the zip, as Lambda reports `source_code_hash`. */
  readonly sha256: string;
}

const memo = new Map<string, FunctionBundle>();

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]))
    .sort();
}

/**
 * Bundles `functions/<name>/handler.ts` into a zip holding `index.mjs`, at most
 * once per source state: the cache key hashes every file under functions/ with
 * the esbuild version and options, so an unchanged tree costs a few file reads.
 * Same sources, same bytes: the zip has fixed timestamps and one entry.
 */
export function bundleFunction(name: string): FunctionBundle {
  const cached = memo.get(name);
  if (cached) return cached;
  const require = createRequire(import.meta.url);
  const esbuildVersion = (require('esbuild/package.json') as { version: string }).version;
  const key = createHash('sha256').update(JSON.stringify({ name, esbuildVersion, BUILD_OPTIONS }));
  for (const file of filesUnder(FUNCTIONS_DIR)) key.update(relative(REPO_ROOT, file).split(sep).join('/')).update(readFileSync(file));
  // The key names the folder, not the file: the asset (and Terraform's `filename`) stays `<name>.zip`.
  const zipPath = join(CACHE_DIR, key.digest('hex').slice(0, 16), `${name}.zip`);
  if (!existsSync(zipPath)) {
    const zip = deterministicZip('index.mjs', compile(name, require));
    mkdirSync(dirname(zipPath), { recursive: true });
    // Write then rename: a concurrent synth never reads half a zip.
    const partial = `${zipPath}.${process.pid}.tmp`;
    writeFileSync(partial, zip);
    renameSync(partial, zipPath);
  }
  const bundle = { zipPath, sha256: createHash('sha256').update(readFileSync(zipPath)).digest('base64') };
  memo.set(name, bundle);
  return bundle;
}

function compile(name: string, require: NodeJS.Require): Buffer {
  const entry = join(FUNCTIONS_DIR, name, 'handler.ts');
  if (!existsSync(entry)) throw new Error(`function '${name}' has no entry point; create functions/${name}/handler.ts exporting handler`);
  // Loaded only on a cache miss: most synths never start esbuild.
  const esbuild = require('esbuild') as typeof import('esbuild');
  const result = esbuild.buildSync({ ...BUILD_OPTIONS, entryPoints: [entry], absWorkingDir: REPO_ROOT });
  // The cache key covers functions/ only, so a bundle may not reach outside it.
  const outside = Object.keys(result.metafile?.inputs ?? {}).filter((input) => !input.startsWith('functions/'));
  if (outside.length > 0) {
    throw new Error(`function '${name}' imports ${outside.join(', ')}; functions may import only from functions/ and @aws-sdk/*`);
  }
  const output = result.outputFiles?.[0];
  if (!output) throw new Error(`esbuild produced no output for function '${name}'`);
  return Buffer.from(output.contents);
}

/** A one-entry zip with fixed metadata (1980-01-01 00:00, mode 0644). */
export function deterministicZip(fileName: string, content: Buffer): Buffer {
  const name = Buffer.from(fileName, 'utf8');
  const data = deflateRawSync(content, { level: 9 });
  const crc = crc32(content);
  const DOS_DATE = 0x21; // 1980-01-01
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4); // version needed
  local.writeUInt16LE(0x0800, 6); // UTF-8 names
  local.writeUInt16LE(8, 8); // deflate
  local.writeUInt16LE(0, 10);
  local.writeUInt16LE(DOS_DATE, 12);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(content.length, 22);
  local.writeUInt16LE(name.length, 26);
  local.writeUInt16LE(0, 28);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE((3 << 8) | 20, 4); // made by unix
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(0x0800, 8);
  central.writeUInt16LE(8, 10);
  central.writeUInt16LE(0, 12);
  central.writeUInt16LE(DOS_DATE, 14);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(content.length, 24);
  central.writeUInt16LE(name.length, 28);
  central.writeUInt32LE((0o100644 << 16) >>> 0, 38); // regular file, rw-r--r--
  central.writeUInt32LE(0, 42); // local header offset
  const centralOffset = local.length + name.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + name.length, 12);
  end.writeUInt32LE(centralOffset, 16);
  return Buffer.concat([local, name, data, central, name, end]);
}
