import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Plugin } from 'esbuild';
import type { ClusterState } from '../../policies/cluster-state/types.js';
import type { SynthOutput } from '../synth/output.js';
import { readSynthTree, type SynthTree } from './tree.js';

/** The commit a ref names. */
export function resolveCommit(root: string, ref: string): string {
  const r = spawnSync('git', ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0)
    throw new Error(`unknown git ref '${ref}': name a branch, tag or commit of this repository (in CI, fetch it: fetch-depth 0)`);
  return r.stdout.trim();
}

/**
 * Build caches the base shares with the working tree: the extracted helm and
 * the chart renders, keyed by their inputs' digests and written atomically, so
 * the base's synth renders only the charts whose inputs changed.
 */
export const SHARED_BUILD_DIRS = ['.build/helm', '.build/helm-renders'];

function linkShared(root: string, dir: string): void {
  if (!existsSync(join(dir, 'node_modules'))) symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
  for (const shared of SHARED_BUILD_DIRS) {
    mkdirSync(join(root, shared), { recursive: true });
    mkdirSync(join(dir, dirname(shared)), { recursive: true });
    if (!existsSync(join(dir, shared))) symlinkSync(join(root, shared), join(dir, shared), 'dir');
  }
}

/**
 * Checks the commit out into `dir` as a detached worktree, in the background
 * (the caller synthesizes the working tree meanwhile), and links the working
 * tree's node_modules and build caches into it.
 */
export function addWorktree(root: string, sha: string, dir: string): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn('git', ['worktree', 'add', '--detach', '--quiet', dir, sha], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', fail);
    child.on('close', (status) => {
      if (status !== 0) return fail(new Error(`git worktree add ${sha} failed: ${stderr.trim()}`));
      try {
        linkShared(root, dir);
        done();
      } catch (error) {
        fail(error);
      }
    });
  });
}

export function removeWorktree(root: string, dir: string): void {
  spawnSync('git', ['worktree', 'remove', '--force', dir], { cwd: root });
}

interface BaseSynth {
  loadPlatformConfig(): unknown;
  /** Synchronous before the Terraform half had its own thread. */
  synthesizeTo(config: unknown, staging: string): SynthOutput | Promise<SynthOutput>;
}

/** Spelled in parts: tools/run.mjs rewrites that token in this very file when it bundles the CLI. */
const IMPORT_META_URL = ['import', 'meta', 'url'].join('.');

/** CommonJS has no import.meta: each module gets its own source URL, as tools/run.mjs does for `npm run synth`. */
const importMetaUrl: Plugin = {
  name: 'import-meta-url',
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      if (!source.includes(IMPORT_META_URL)) return undefined;
      return { contents: source.replaceAll(IMPORT_META_URL, JSON.stringify(pathToFileURL(args.path).href)), loader: 'ts' };
    });
  },
};

/**
 * Bundles `source` (an entry of re-exports from the revision's own modules)
 * with esbuild, as tools/run.mjs does, packages external so they resolve to
 * the shared node_modules already loaded, and loads it in this process.
 */
export async function loadRevisionModule(dir: string, name: string, source: string): Promise<unknown> {
  const entry = join(dir, `.${name}-entry.ts`);
  writeFileSync(entry, source);
  const outfile = join(dir, '.build', `${name}.cjs`);
  mkdirSync(join(dir, '.build'), { recursive: true });
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    packages: 'external',
    logLevel: 'error',
    plugins: [importMetaUrl],
  });
  return createRequire(resolve(dir, 'package.json'))(outfile) as unknown;
}

/**
 * The module of a revision that exports `loadPlatformConfig`: `config/load.ts`
 * since config/ became direct modules, `config/index.ts` before.
 */
export function configEntry(dir: string): string {
  return existsSync(join(dir, 'config', 'index.ts')) ? './config/index.js' : './config/load.js';
}

/**
 * Runs the base revision's own synth code in this process: its config and
 * synth entry points bundled by esbuild. Writes only below `staging`; runs no
 * checks (policy results are computed apart).
 */
export async function synthesizeInProcess(dir: string, staging: string): Promise<SynthTree> {
  const source = `export { loadPlatformConfig } from '${configEntry(dir)}';\nexport { synthesizeTo } from './tools/synth/run.js';\n`;
  const base = (await loadRevisionModule(dir, 'synth-diff-base', source)) as Partial<BaseSynth>;
  if (typeof base.synthesizeTo !== 'function' || typeof base.loadPlatformConfig !== 'function') {
    throw new Error('the base revision has no synthesizeTo/loadPlatformConfig');
  }
  return base.synthesizeTo(base.loadPlatformConfig(), staging);
}

/** Where the base's synth writes, inside its worktree. */
const BASE_OUT = '.synth-diff-out';
/** Written beside it by a base that renders cluster states. */
const BASE_STATES_FILE = 'cluster-states.json';

/**
 * The entry the child runs in the base's worktree (through the base's own
 * tools/run.mjs): the base's config and `synthesizeTo`, both halves and no checks
 * (the diff judges both sides by the working tree's policies), into BASE_OUT.
 * Undefined for a base from before `synthesizeTo`: its whole `npm run synth` runs.
 */
function baseEntry(dir: string): string | undefined {
  const run = join(dir, 'tools', 'synth', 'run.ts');
  if (!existsSync(run) || !/export (async )?function synthesizeTo\(/.test(readFileSync(run, 'utf8'))) return undefined;
  const entry = '.synth-diff-child.ts';
  // A base that renders cluster states renders its own here too, beside its synth (else the diff renders them).
  const states = existsSync(join(dir, 'tools', 'synth', 'cluster-state.ts'));
  const source = [
    "import { mkdirSync, writeFileSync } from 'node:fs';",
    `import { loadPlatformConfig } from '${configEntry(dir)}';`,
    "import { synthesizeTo } from './tools/synth/run.js';",
    ...(states ? ["import { renderClusterStates } from './tools/synth/cluster-state.js';"] : []),
    `mkdirSync('${BASE_OUT}', { recursive: true });`,
    `void Promise.resolve(synthesizeTo(loadPlatformConfig(), '${BASE_OUT}'))`,
    ...(states
      ? [
          '  .then(async (output) => {',
          `    try { writeFileSync('${BASE_OUT}/${BASE_STATES_FILE}', JSON.stringify(await renderClusterStates(output.clusters))); }`,
          "    catch (error: unknown) { console.error('cluster states not rendered: ' + String(error)); }",
          '  })',
        ]
      : []),
    '  .then(() => process.exit(0), (error: unknown) => { console.error(error); process.exit(1); });',
    '',
  ].join('\n');
  // Rewritten only when it differs: in a kept worktree its bundle then stays fresh.
  const file = join(dir, entry);
  if (!existsSync(file) || readFileSync(file, 'utf8') !== source) writeFileSync(file, source);
  return entry;
}

/** Runs the base's synth in its worktree in a child process; resolves to its output. */
function synthesizeWorktree(dir: string): Promise<SynthTree> {
  const entry = baseEntry(dir);
  // A kept worktree holds the last diff's output.
  rmSync(join(dir, BASE_OUT), { recursive: true, force: true });
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['tools/run.mjs', entry ?? 'tools/synth.ts'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', fail);
    child.on('close', (status) => {
      if (status !== 0) return fail(new Error(`synth of the base revision failed:\n${output.trim()}`));
      try {
        done(readSynthTree(entry ? join(dir, BASE_OUT) : dir));
      } catch (error) {
        fail(error);
      }
    });
  });
}

export interface BaseSynthRun {
  /** The worktree is checked out and linked (the base's code can be read while its synth runs). */
  readonly checkedOut: Promise<void>;
  /** The base's output, read back from the worktree. */
  readonly tree: Promise<SynthTree>;
  /** The base's cluster states its child rendered, or undefined (a base from before them, or they failed). */
  readonly states: Promise<readonly ClusterState[] | undefined>;
}

/**
 * Checks the commit out into `dir` (git in the background) and runs its own
 * synth in a child process, so that the whole base side runs while this process
 * synthesizes the working tree; `checkedOut` settles as soon as the code is
 * there, `tree` with the output read back from the worktree.
 */
export function checkoutAndSynthesize(root: string, sha: string, dir: string): BaseSynthRun {
  return synthesizeWhenCheckedOut(dir, addWorktree(root, sha, dir));
}

/** The base's synth in a child process in `dir`, once `checkedOut` settles (a kept worktree: at once). */
export function synthesizeWhenCheckedOut(dir: string, checkedOut: Promise<void>): BaseSynthRun {
  const tree = checkedOut.then(() => synthesizeWorktree(dir));
  const states = tree.then(() => {
    const file = join(dir, BASE_OUT, BASE_STATES_FILE);
    return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as ClusterState[]) : undefined;
  });
  // Settled where awaited; this keeps a failed checkout from counting as unhandled meanwhile.
  checkedOut.catch(() => undefined);
  states.catch(() => undefined);
  return { checkedOut, tree, states };
}
