import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE_WORKTREES, KEPT_BASES, takeBaseWorktree } from '../../../tools/diff/base-worktrees.js';

function git(cwd: string, ...args: string[]): string {
  const r = spawnSync('git', ['-c', 'user.name=fixture', '-c', 'user.email=fixture@example.com', ...args], { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout.trim();
}

/** A pid no process has: a child that has already exited. */
const deadPid = () => spawnSync(process.execPath, ['-e', '0']).pid;

describe('npm run diff keeps one worktree per base commit', () => {
  const work = mkdtempSync(join(tmpdir(), 'diff-base-test-'));
  const repo = join(work, 'repo');
  const shas: string[] = [];
  const temporary = join(work, 'tmp');

  beforeAll(() => {
    mkdirSync(repo);
    mkdirSync(temporary);
    git(repo, 'init', '--quiet');
    writeFileSync(join(repo, '.gitignore'), 'node_modules\n.build/\n');
    mkdirSync(join(repo, 'node_modules'));
    for (let i = 0; i <= KEPT_BASES; i += 1) {
      writeFileSync(join(repo, 'file.txt'), `revision ${i}\n`);
      git(repo, 'add', '-A');
      git(repo, 'commit', '--quiet', '-m', `r${i}`);
      shas.push(git(repo, 'rev-parse', 'HEAD'));
    }
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('checks a base out into .build/diff-base/<sha> and reuses it, with what its synth left there, on the next diff', async () => {
    const sha = shas[0] ?? '';
    const first = takeBaseWorktree(repo, sha, temporary);
    expect(first).toMatchObject({ dir: join(repo, BASE_WORKTREES, sha), reused: false });
    await first.checkedOut;
    mkdirSync(join(first.dir, '.build'), { recursive: true });
    writeFileSync(join(first.dir, '.build', 'bundle.cjs'), 'warm');
    first.release();
    const second = takeBaseWorktree(repo, sha, temporary);
    expect(second).toMatchObject({ dir: first.dir, reused: true });
    await second.checkedOut;
    expect(existsSync(join(second.dir, '.build', 'bundle.cjs'))).toBe(true);
    second.release();
  });

  it('gives a second diff at once its own temporary worktree, and takes over a lock whose diff died', async () => {
    const sha = shas[0] ?? '';
    const held = takeBaseWorktree(repo, sha, temporary);
    const other = takeBaseWorktree(repo, sha, temporary);
    expect(other.dir).toBe(join(temporary, 'base'));
    await other.checkedOut;
    expect(git(other.dir, 'rev-parse', 'HEAD')).toBe(sha);
    other.release();
    expect(existsSync(other.dir)).toBe(false);
    held.release();
    writeFileSync(`${held.dir}.lock`, String(deadPid()));
    const after = takeBaseWorktree(repo, sha, temporary);
    expect(after).toMatchObject({ dir: held.dir, reused: true });
    after.release();
  });

  it('re-checks out a kept folder that is not at its commit (an interrupted checkout)', async () => {
    const sha = shas[1] ?? '';
    const dir = join(repo, BASE_WORKTREES, sha);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'half-written'), '');
    const taken = takeBaseWorktree(repo, sha, temporary);
    expect(taken.reused).toBe(false);
    await taken.checkedOut;
    expect(git(dir, 'rev-parse', 'HEAD')).toBe(sha);
    expect(existsSync(join(dir, 'half-written'))).toBe(false);
    taken.release();
  });

  it(`keeps the ${KEPT_BASES} most recently used bases and removes the others with their git worktree entries`, async () => {
    for (const sha of shas) {
      const taken = takeBaseWorktree(repo, sha, temporary);
      await taken.checkedOut;
      taken.release();
      // Use times one apart (they are kept to the millisecond).
      await new Promise((done) => setTimeout(done, 5));
    }
    const kept = readdirSync(join(repo, BASE_WORKTREES)).filter((name) => !name.endsWith('.lock'));
    expect(kept.sort()).toEqual(shas.slice(-KEPT_BASES).sort());
    expect(git(repo, 'worktree', 'list').split('\n')).toHaveLength(KEPT_BASES + 1);
  });
});
