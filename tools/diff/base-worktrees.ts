import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { addWorktree, removeWorktree } from './revision.js';

/** Kept base worktrees, one per base commit: `<root>/.build/diff-base/<sha>`. */
export const BASE_WORKTREES = join('.build', 'diff-base');

/** Base commits kept at once (a PR diffs against its merge base; main moves a few times a day). */
export const KEPT_BASES = 3;

export interface BaseWorktree {
  /** Where the base is checked out. */
  readonly dir: string;
  /** Settles once the code is there (at once for a kept worktree). */
  readonly checkedOut: Promise<void>;
  /** Whether it was kept from an earlier diff (its bundles and code caches warm). */
  readonly reused: boolean;
  /** Frees it for the next diff (a temporary one is removed). */
  release(): void;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Takes `<dir>.lock` for this process; false while another live process holds it. */
function lock(dir: string): boolean {
  const file = `${dir}.lock`;
  try {
    writeFileSync(file, String(process.pid), { flag: 'wx' });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const holder = Number(readFileSync(file, 'utf8'));
    if (Number.isInteger(holder) && holder > 0 && alive(holder)) return false;
    // Left by a diff that died: take it over.
    writeFileSync(file, String(process.pid));
    return true;
  }
}

const unlock = (dir: string) => rmSync(`${dir}.lock`, { force: true });

/** A kept worktree that is checked out at `sha` (an interrupted `git worktree add` leaves one that is not). */
const checkedOutAt = (dir: string, sha: string) =>
  existsSync(join(dir, '.git')) && spawnSync('git', ['rev-parse', 'HEAD'], { cwd: dir, encoding: 'utf8' }).stdout.trim() === sha;

/** Removes the least recently used kept worktrees beyond KEPT_BASES, except locked ones. */
function prune(root: string, keep: string): void {
  const base = join(root, BASE_WORKTREES);
  const kept = readdirSync(base, { withFileTypes: true })
    .filter((e) => e.isDirectory() && /^[0-9a-f]{40}$/.test(e.name) && join(base, e.name) !== keep)
    .map((e) => ({ dir: join(base, e.name), used: statSync(join(base, e.name)).mtimeMs }))
    .sort((a, b) => b.used - a.used);
  for (const { dir } of kept.slice(KEPT_BASES - 1)) {
    if (!lock(dir)) continue;
    removeWorktree(root, dir);
    rmSync(dir, { recursive: true, force: true });
    unlock(dir);
  }
}

/**
 * The base revision's worktree for one diff. The kept one of `sha` when it is
 * free: the base's synth then runs warm (its bundles and V8 code caches from the
 * last diff against this base; cold they cost more than the synth itself). A
 * new kept one otherwise, or a temporary one below `temporary` while another
 * diff holds it.
 */
export function takeBaseWorktree(root: string, sha: string, temporary: string): BaseWorktree {
  mkdirSync(join(root, BASE_WORKTREES), { recursive: true });
  const dir = join(root, BASE_WORKTREES, sha);
  if (!lock(dir)) {
    const dir = join(temporary, 'base');
    return { dir, checkedOut: addWorktree(root, sha, dir), reused: false, release: () => removeWorktree(root, dir) };
  }
  const release = () => unlock(dir);
  const now = new Date();
  if (checkedOutAt(dir, sha)) {
    utimesSync(dir, now, now);
    return { dir, checkedOut: Promise.resolve(), reused: true, release };
  }
  if (existsSync(dir)) {
    removeWorktree(root, dir);
    rmSync(dir, { recursive: true, force: true });
  }
  prune(root, dir);
  const checkedOut = addWorktree(root, sha, dir).catch((error: unknown) => {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  });
  return { dir, checkedOut, reused: false, release };
}
