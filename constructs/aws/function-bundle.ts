import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BuildOptions } from 'esbuild';
import { zipSync } from 'fflate';

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

/**
 * A one-entry zip with fixed metadata (1980-01-01 00:00, the zip epoch), so the
 * same bundle always zips to the same bytes. The date is built from local-time
 * parts because zip stores local time: the bytes do not depend on the time zone.
 */
export function deterministicZip(fileName: string, content: Buffer): Buffer {
  return Buffer.from(zipSync({ [fileName]: [content, { level: 9, mtime: new Date(1980, 0, 1) }] }));
}
