import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diffTrees } from '../../../tools/diff/diff.js';
import { addWorktree, checkoutAndSynthesize, removeWorktree, resolveCommit, synthesizeInProcess } from '../../../tools/diff/revision.js';
import { readSynthTree, type SynthTree } from '../../../tools/diff/tree.js';

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'diff');
const REPO_ROOT = join(import.meta.dirname, '..', '..', '..');
const layout = { terraformDir: 'terraform', manifestsDir: 'manifests' };

function git(cwd: string, ...args: string[]): string {
  const r = spawnSync('git', ['-c', 'user.name=fixture', '-c', 'user.email=fixture@example.com', ...args], { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout.trim();
}

/**
 * A revision whose synth entry points return a fixture tree: the ones the diff
 * bundles in process, and `tools/synth.ts` (what `npm run synth` runs), which
 * writes it where synth does. `configModule` is where it exports
 * loadPlatformConfig: `index.ts` before config/ became direct modules, `load.ts` after.
 */
function writeRevision(repo: string, tree: SynthTree, configModule: 'index.ts' | 'load.ts'): void {
  const data = {
    stacks: tree.stacks,
    clusters: tree.clusters.map((c) => ({ dir: c.dir, files: Object.fromEntries(c.files) })),
  };
  rmSync(join(repo, 'config'), { recursive: true, force: true });
  mkdirSync(join(repo, 'config'));
  mkdirSync(join(repo, 'tools', 'synth'), { recursive: true });
  // The revision's own launcher (and the bundler and code cache it loads) runs its synth, as in the repository.
  for (const file of ['run.mjs', 'synth/bundle.mjs', 'synth/compile-cache.mjs', 'synth/terraform-worker-start.mjs'])
    copyFileSync(join(REPO_ROOT, 'tools', file), join(repo, 'tools', file));
  writeFileSync(join(repo, 'config', configModule), 'export function loadPlatformConfig(): object {\n  return {};\n}\n');
  // Like the real one: writes both halves below the staging folder and returns them.
  writeFileSync(
    join(repo, 'tools', 'synth', 'run.ts'),
    "import { mkdirSync, writeFileSync } from 'node:fs';\n" +
      "import { join } from 'node:path';\n" +
      `const TREE = ${JSON.stringify(data)};\n` +
      'export function synthesizeTo(_config: unknown, staging: string) {\n' +
      "  for (const s of TREE.stacks) { mkdirSync(join(staging, 'cdktf.out/stacks', s.name), { recursive: true }); writeFileSync(join(staging, 'cdktf.out/stacks', s.name, 'cdk.tf.json'), JSON.stringify(s.json)); }\n" +
      "  for (const c of TREE.clusters) { mkdirSync(join(staging, 'dist', c.dir), { recursive: true }); for (const [f, t] of Object.entries(c.files)) writeFileSync(join(staging, 'dist', c.dir, f), t); }\n" +
      '  return { stacks: TREE.stacks, clusters: TREE.clusters.map((c) => ({ dir: c.dir, files: new Map(Object.entries(c.files)) })) };\n}\n',
  );
  writeFileSync(join(repo, 'tools', 'synth.ts'), "import { synthesizeTo } from './synth/run.js';\nsynthesizeTo({}, '.');\n");
}

describe('synth diff of two git revisions (worktree + in-process synth)', () => {
  const work = mkdtempSync(join(tmpdir(), 'synth-diff-test-'));
  const repo = join(work, 'repo');
  const shas: string[] = [];

  beforeAll(() => {
    mkdirSync(repo);
    git(repo, 'init', '--quiet');
    symlinkSync(join(REPO_ROOT, 'node_modules'), join(repo, 'node_modules'), 'dir');
    writeFileSync(join(repo, '.gitignore'), 'node_modules\n.build/\n');
    // The base predates direct config modules (config/index.ts), the head has config/load.ts.
    for (const [revision, configModule] of [
      ['base', 'index.ts'],
      ['head', 'load.ts'],
    ] as const) {
      writeRevision(repo, readSynthTree(join(FIXTURES, revision), layout), configModule);
      git(repo, 'add', '-A');
      git(repo, 'commit', '--quiet', '-m', revision);
      shas.push(resolveCommit(repo, 'HEAD'));
    }
  });

  afterAll(() => rmSync(work, { recursive: true, force: true }));

  async function synthesizeAt(sha: string, name: string): Promise<SynthTree> {
    const dir = join(work, name);
    await addWorktree(repo, sha, dir);
    try {
      return await synthesizeInProcess(dir, join(work, `${name}-out`));
    } finally {
      removeWorktree(repo, dir);
    }
  }

  it('checks out each revision, runs its own synth code and diffs the results (config/index.ts or config/load.ts)', async () => {
    const [baseSha = '', headSha = ''] = shas;
    expect(resolveCommit(repo, 'HEAD~1')).toBe(baseSha);
    const base = await synthesizeAt(baseSha, 'base');
    const head = await synthesizeAt(headSha, 'head');
    const diff = diffTrees(base, head);
    expect(diff.destructive.map((r) => `${r.action} ${r.address}`)).toEqual([
      'delete aws_db_instance.orders_db_5E6F7A8B',
      'delete aws_s3_bucket.reports_bucket_1A2B3C4D',
    ]);
    expect(git(repo, 'worktree', 'list').split('\n')).toHaveLength(1);
  });

  it('checks out and synthesizes a revision in one child process (the default, parallel path), saying when the code is there', async () => {
    const dir = join(work, 'child');
    try {
      const run = checkoutAndSynthesize(repo, shas[0] ?? '', dir);
      await run.checkedOut;
      expect(existsSync(join(dir, 'tools', 'synth.ts'))).toBe(true);
      expect(existsSync(join(dir, 'node_modules'))).toBe(true);
      const tree = await run.tree;
      expect(tree.stacks.map((s) => s.name)).toEqual(['dev-us-east-1-data']);
      expect(Object.keys(tree.stacks[0]?.json.resource ?? {})).toContain('aws_db_instance');
      expect(tree.clusters.map((c) => [c.dir, [...c.files.keys()]])).toEqual([['dev/us-east-1', ['app.k8s.yaml', 'kustomization.yaml']]]);
      // A base from before cluster states: the diff renders them itself.
      expect(await run.states).toBeUndefined();
    } finally {
      removeWorktree(repo, dir);
    }
  });

  it('has a base that renders cluster states render its own in the child, from the clusters its synth returned', async () => {
    writeFileSync(
      join(repo, 'tools', 'synth', 'cluster-state.ts'),
      'export async function renderClusterStates(clusters: { dir: string }[]) {\n' +
        "  return clusters.map((c) => ({ dir: c.dir, envName: 'dev', region: 'us-east-1', kubeVersion: '1.33', applications: [], objects: [] }));\n}\n",
    );
    git(repo, 'add', '-A');
    git(repo, 'commit', '--quiet', '-m', 'states');
    const sha = resolveCommit(repo, 'HEAD');
    const dir = join(work, 'child-states');
    try {
      const run = checkoutAndSynthesize(repo, sha, dir);
      expect((await run.tree).stacks.map((s) => s.name)).toEqual(['dev-us-east-1-data']);
      expect(await run.states).toEqual([
        { dir: 'dev/us-east-1', envName: 'dev', region: 'us-east-1', kubeVersion: '1.33', applications: [], objects: [] },
      ]);
    } finally {
      removeWorktree(repo, dir);
    }
  });

  it('names an unknown ref', () => {
    expect(() => resolveCommit(repo, 'no-such-branch')).toThrow(/unknown git ref 'no-such-branch'/);
  });
});
