import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const TERRAFORM_DIR = 'cdktf.out';
export const MANIFESTS_DIR = 'dist';
export const REPORTS_DIR = 'reports';

/** `prod-us-east-1-cluster` -> `prod`: environment names hold no dash (config/schema/primitives.ts). */
export const stackEnvironment = (stack: string): string => stack.split('-')[0] ?? stack;

/** Renames `from` over `to`, moving what was at `to` into `retired` first (every step one atomic rename on one file system). */
function replace(from: string, to: string, retired: string): void {
  if (existsSync(to)) renameSync(to, retired);
  renameSync(from, to);
}

/** Where each half goes; a half without a target is not written. */
export interface SynthTargets {
  readonly terraform?: string;
  readonly manifests?: string;
}

/** Moves the staged `cdktf.out/` and `dist/` into place: one rename each. */
export function swapEverything(staging: string, targets: SynthTargets): void {
  if (targets.terraform) replace(join(staging, TERRAFORM_DIR), targets.terraform, join(staging, `previous-${TERRAFORM_DIR}`));
  if (targets.manifests) replace(join(staging, MANIFESTS_DIR), targets.manifests, join(staging, `previous-${MANIFESTS_DIR}`));
}

interface CdktfManifest {
  readonly version: string;
  readonly stacks: Record<string, unknown>;
}

const readManifest = (file: string): CdktfManifest | undefined =>
  existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as CdktfManifest) : undefined;

/**
 * cdktf's manifest.json lists the stacks `cdktf deploy` knows: the staged one (this
 * config, in cdktf's order) for the environment's stacks, the live entries for every
 * other stack present on disk. When nothing else changed it equals a full synth's.
 */
function mergedManifest(staged: CdktfManifest, live: CdktfManifest | undefined, env: string, onDisk: ReadonlySet<string>): CdktfManifest {
  const stacks: Record<string, unknown> = {};
  for (const [name, entry] of Object.entries(staged.stacks)) {
    if (stackEnvironment(name) === env) stacks[name] = entry;
    else if (live?.stacks[name] !== undefined && onDisk.has(name)) stacks[name] = live.stacks[name];
  }
  for (const [name, entry] of Object.entries(live?.stacks ?? {})) {
    if (stackEnvironment(name) !== env && onDisk.has(name) && stacks[name] === undefined) stacks[name] = entry;
  }
  return { stacks, version: staged.version };
}

/** JSON as cdktf writes its manifest (json-stable-stringify, two spaces): sorted keys, empty arrays and objects opened on one line and closed on the next. */
export function stableJson(value: unknown, level = 0): string {
  const indent = `\n${'  '.repeat(level)}`;
  if (Array.isArray(value)) return `[${value.map((item) => `${indent}  ${stableJson(item, level + 1)}`).join(',')}${indent}]`;
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record)
      .filter((k) => record[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${indent}  ${JSON.stringify(k)}: ${stableJson(record[k], level + 1)}`).join(',')}${indent}}`;
  }
  return JSON.stringify(value);
}

const dirs = (dir: string): string[] =>
  existsSync(dir)
    ? readdirSync(dir, { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => d.name)
        .sort()
    : [];

/**
 * Moves one environment's staged output into place and touches nothing else: its
 * stack folders (one rename each; the environment's stacks that no longer exist are
 * retired), its `dist/<env>/` folder (one rename), its `dist/reports/*-<env>.*`
 * reports, and a manifest.json that lists the stacks present.
 */
export function swapEnvironment(staging: string, root: string, env: string): void {
  const retired = join(staging, 'retired');
  mkdirSync(join(retired, 'stacks'), { recursive: true });
  mkdirSync(join(retired, REPORTS_DIR), { recursive: true });
  const stagedStacks = join(staging, TERRAFORM_DIR, 'stacks');
  const liveStacks = join(root, TERRAFORM_DIR, 'stacks');
  mkdirSync(liveStacks, { recursive: true });
  const fresh = dirs(stagedStacks).filter((name) => stackEnvironment(name) === env);
  for (const name of dirs(liveStacks).filter((n) => stackEnvironment(n) === env && !fresh.includes(n)))
    renameSync(join(liveStacks, name), join(retired, 'stacks', name));
  for (const name of fresh) replace(join(stagedStacks, name), join(liveStacks, name), join(retired, 'stacks', name));

  const staged = readManifest(join(staging, TERRAFORM_DIR, 'manifest.json'));
  if (staged) {
    const manifest = mergedManifest(staged, readManifest(join(root, TERRAFORM_DIR, 'manifest.json')), env, new Set(dirs(liveStacks)));
    const temp = join(staging, 'manifest.json');
    writeFileSync(temp, stableJson(manifest));
    renameSync(temp, join(root, TERRAFORM_DIR, 'manifest.json'));
  }

  const liveDist = join(root, MANIFESTS_DIR);
  mkdirSync(join(liveDist, REPORTS_DIR), { recursive: true });
  if (existsSync(join(staging, MANIFESTS_DIR, env)))
    replace(join(staging, MANIFESTS_DIR, env), join(liveDist, env), join(retired, `dist-${env}`));
  else if (existsSync(join(liveDist, env))) renameSync(join(liveDist, env), join(retired, `dist-${env}`));
  const stagedReports = join(staging, MANIFESTS_DIR, REPORTS_DIR);
  for (const file of existsSync(stagedReports) ? readdirSync(stagedReports).sort() : []) {
    replace(join(stagedReports, file), join(liveDist, REPORTS_DIR, file), join(retired, REPORTS_DIR, file));
  }
}

/**
 * Stacks outside `env` whose staged text differs from what is on disk: this config
 * would change them (a cross-environment stack such as the GitHub governance one,
 * or another environment), but an `--env` synth leaves them as they are.
 */
export function staleOutside(staging: string, root: string, env: string): string[] {
  const stagedStacks = join(staging, TERRAFORM_DIR, 'stacks');
  const liveStacks = join(root, TERRAFORM_DIR, 'stacks');
  const text = (dir: string, name: string) => {
    const file = join(dir, name, 'cdk.tf.json');
    return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
  };
  const names = [...new Set([...dirs(stagedStacks), ...dirs(liveStacks)])].filter((n) => stackEnvironment(n) !== env);
  return names.filter((name) => text(stagedStacks, name) !== text(liveStacks, name));
}
