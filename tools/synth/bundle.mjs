/**
 * esbuild bundles one TypeScript entry of this repo, with the packages it loads,
 * into `.build/<entry path with _>.cjs`, reused while none of its inputs changed
 * (one stat per input, package files included). One file instead of ~500 modules:
 * the Terraform thread loads cdktf and the provider in 70 ms instead of 190 ms
 * (no per-module resolution, no inline source maps; measured warm, code cache on).
 * tools/run.mjs bundles the command it runs; the synth bundles its worker
 * thread's entry the same way. Plain JavaScript, no import.meta: it is also
 * bundled into TypeScript entries (CommonJS) and run under vitest.
 */
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** `.build/<name>.cjs` and its inputs list for an entry (absolute, or relative to `root`). */
export function bundlePaths(root, entry) {
  const name = relative(root, resolve(root, entry)).replace(/[\\/]/g, '_').replace(/\.ts$/, '');
  const buildDir = join(root, '.build');
  return {
    name,
    bundle: join(buildDir, `${name}.cjs`),
    manifest: join(buildDir, `${name}.inputs.json`),
    metafile: join(buildDir, `${name}.meta.json`),
  };
}

/** Input files with their size and mtime: the cache key of a bundle. */
const fingerprint = (root, files) =>
  files.map((file) => {
    try {
      const s = statSync(join(root, file));
      return [file, s.size, s.mtimeMs];
    } catch {
      return [file, -1, -1];
    }
  });

function isFresh(root, manifest) {
  try {
    const recorded = JSON.parse(readFileSync(manifest, 'utf8'));
    return (
      JSON.stringify(
        fingerprint(
          root,
          recorded.map(([file]) => file),
        ),
      ) === JSON.stringify(recorded)
    );
  } catch {
    return false;
  }
}

/**
 * CommonJS has no import.meta: give each module its own source URL, so code that
 * finds files beside it (functions/, pricing/) works the same here and under vitest.
 */
const importMetaUrl = {
  name: 'import-meta-url',
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, (a) => {
      const source = readFileSync(a.path, 'utf8');
      if (!source.includes('import.meta.url')) return undefined;
      return { contents: source.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(a.path).href)), loader: 'ts' };
    });
  },
};

/** The bundle of `entry` when it is up to date, else undefined: a synchronous check, so a caller can start it at once. */
export function freshBundle(root, entry) {
  const { bundle, manifest } = bundlePaths(root, entry);
  return isFresh(root, manifest) ? bundle : undefined;
}

/** esbuild's options for the bundle of `entry`. */
function bundleOptions(root, entry) {
  return {
    entryPoints: [resolve(root, entry)],
    // Metafile inputs are relative to this folder: the fingerprint must find them whatever the caller's cwd.
    absWorkingDir: root,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // esbuild finds its own binary from its installed files.
    external: ['esbuild'],
    logLevel: 'warning',
    metafile: true,
    outfile: bundlePaths(root, entry).bundle,
    plugins: [importMetaUrl],
  };
}

/**
 * The bundle of `entry`, built when missing or stale. `extraInputs` (relative to
 * `root`) also invalidate it: the launcher lists itself and this file.
 */
export async function ensureBundle(root, entry, extraInputs = []) {
  const fresh = freshBundle(root, entry);
  if (fresh) return fresh;
  const { bundle, manifest, metafile } = bundlePaths(root, entry);
  const { build } = createRequire(join(root, 'package.json'))('esbuild');
  const result = await build({ ...bundleOptions(root, entry), write: false });
  mkdirSync(join(root, '.build'), { recursive: true });
  const inputs = [...new Set([...Object.keys(result.metafile.inputs), ...extraInputs])].sort();
  // Write then rename: a parallel run (tests, CI jobs) never reads half a bundle.
  const suffix = `${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  writeFileSync(`${bundle}.${suffix}`, result.outputFiles[0].contents);
  renameSync(`${bundle}.${suffix}`, bundle);
  // esbuild's own account of what went in, for tests (threads.test.ts); before the fingerprint, which makes the bundle fresh.
  writeFileSync(`${metafile}.${suffix}`, JSON.stringify(result.metafile));
  renameSync(`${metafile}.${suffix}`, metafile);
  writeFileSync(`${manifest}.${suffix}`, JSON.stringify(fingerprint(root, inputs)));
  renameSync(`${manifest}.${suffix}`, manifest);
  return bundle;
}
