/**
 * `npm run diff -- --base <git-ref> [--allow-destroy] [--markdown file] [--json file] [--in-process]`
 *
 * Synthesizes the base revision (a temporary git worktree) and the working tree,
 * and reports what a PR changes per environment and region. Exits 1 when it
 * destroys or replaces a stateful resource and --allow-destroy is not given
 * (CI passes it for the `allow-destroy` label), 2 on a usage or synth error.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadPlatformConfig, type PlatformConfig } from '../../config/index.js';
import { policyFindings } from '../../policies/engine.js';
import { WAIVER_CHECK } from '../../policies/waiver-check.js';
import { synthesizeTo } from '../synth/run.js';
import { costDelta } from './cost-delta.js';
import { diffTrees } from './diff.js';
import { renderMarkdown } from './markdown.js';
import { policyDelta } from './policy-delta.js';
import { buildReport, exitCodeOf } from './report.js';
import { addWorktree, checkoutAndSynthesize, removeWorktree, resolveCommit, synthesizeInProcess } from './revision.js';
import type { SynthTree } from './tree.js';

const { values } = parseArgs({
  options: {
    base: { type: 'string' },
    'allow-destroy': { type: 'boolean', default: false },
    markdown: { type: 'string' },
    json: { type: 'string' },
    'in-process': { type: 'boolean', default: false },
  },
});


const lap = (since: number) => Math.round(performance.now() - since);

/**
 * Both synths. By default one child process checks the base out and runs its own
 * `npm run synth` while this one synthesizes the working tree (two cores: about
 * the longer of the two instead of their sum). `--in-process` checks out, then runs
 * the base's synth code in this process after the working tree's, sharing the
 * loaded packages; it is also the fallback when the child fails after the checkout
 * (e.g. the base's own checks fail).
 */
async function synthesizeBoth(root: string, sha: string, work: string, config: PlatformConfig): Promise<{ base: SynthTree; head: SynthTree; timing: string }> {
  const worktree = join(work, 'base');
  const inProcess = values['in-process'] ?? false;
  const child = inProcess ? undefined : checkoutAndSynthesize(root, sha, worktree);
  const checkout = inProcess ? addWorktree(root, sha, worktree) : undefined;
  // Failures are handled where they are awaited; this keeps them from being reported as unhandled meanwhile.
  child?.catch(() => undefined);
  checkout?.catch(() => undefined);
  let t = performance.now();
  mkdirSync(join(work, 'head'));
  let head: SynthTree;
  try {
    head = synthesizeTo(config, join(work, 'head'));
  } catch (error) {
    // Let git and the base synth finish before the caller removes their folder.
    await Promise.allSettled([child, checkout]);
    throw error;
  }
  const headMs = lap(t);
  t = performance.now();
  mkdirSync(join(work, 'base-out'));
  let base: SynthTree;
  if (child) {
    try {
      base = await child;
    } catch (error) {
      if (!existsSync(join(worktree, '.git'))) throw error;
      console.error(`child synth of the base failed, retrying in process: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
      base = await synthesizeInProcess(worktree, join(work, 'base-out'));
    }
  } else {
    await checkout;
    base = await synthesizeInProcess(worktree, join(work, 'base-out'));
  }
  return { base, head, timing: `working tree ${headMs} ms, then base ${child ? '(child, in parallel) waited' : 'checkout + in process'} ${lap(t)} ms` };
}

async function main(ref: string): Promise<number> {
  const root = process.cwd();
  const started = performance.now();
  const work = mkdtempSync(join(tmpdir(), 'synth-diff-'));
  try {
    const sha = resolveCommit(root, ref);
    const config = loadPlatformConfig();
    const { base, head, timing } = await synthesizeBoth(root, sha, work, config);
    const t = performance.now();
    const diff = diffTrees(base, head);
    // Waivers belong to the working tree: judged against the base they would only read as unused.
    const baseFindings = policyFindings(base, { config }).filter((f) => f.check !== WAIVER_CHECK);
    const policy = policyDelta(baseFindings, policyFindings(head, { config }));
    const report = buildReport({ base: { ref, sha }, diff, policy, cost: costDelta(base, head), allowDestroy: values['allow-destroy'] ?? false });
    const markdown = renderMarkdown(report);
    if (values.markdown) writeFileSync(values.markdown, markdown);
    else process.stdout.write(markdown);
    if (values.json) writeFileSync(values.json, `${JSON.stringify(report, null, 2)}\n`);
    console.error(`synth diff in ${lap(started)} ms (${timing}, diff/policy/cost ${lap(t)} ms)`);
    if (report.blocked) {
      console.error(`blocked: ${diff.destructive.length} destructive change(s) to stateful resources; pass --allow-destroy (PR label allow-destroy) if intended`);
    }
    return exitCodeOf(report);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    return 2;
  } finally {
    removeWorktree(root, join(work, 'base'));
    rmSync(work, { recursive: true, force: true });
  }
}

// exitCode, not exit(): tools/run.mjs removes its bundle once this module has loaded.
if (values.base) {
  void main(values.base).then((code) => (process.exitCode = code));
} else {
  console.error('usage: npm run diff -- --base <git-ref> [--allow-destroy] [--markdown <file>] [--json <file>] [--in-process]');
  process.exitCode = 2;
}
