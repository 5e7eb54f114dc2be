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
import type { SynthOutput } from '../synth/output.js';
import { synthesizeTo } from '../synth/run.js';
import { analyze } from './analyze.js';
import { renderChartStates } from './chart-states.js';
import { renderMarkdown } from './markdown.js';
import { blockingItems, exitCodeOf } from './report.js';
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
async function synthesizeBoth(root: string, sha: string, work: string, config: PlatformConfig): Promise<{ base: SynthTree; head: SynthOutput; timing: string }> {
  const worktree = join(work, 'base');
  const inProcess = values['in-process'] ?? false;
  const child = inProcess ? undefined : checkoutAndSynthesize(root, sha, worktree);
  const checkout = inProcess ? addWorktree(root, sha, worktree) : undefined;
  // Failures are handled where they are awaited; this keeps them from being reported as unhandled meanwhile.
  child?.catch(() => undefined);
  checkout?.catch(() => undefined);
  let t = performance.now();
  mkdirSync(join(work, 'head'));
  let head: SynthOutput;
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
    let t = performance.now();
    const states = await renderChartStates(root, join(work, 'base'), head.clusters);
    const chartsMs = lap(t);
    t = performance.now();
    const report = analyze({ base: { ref, sha, tree: base }, head, config, states, allowDestroy: values['allow-destroy'] ?? false });
    const markdown = renderMarkdown(report);
    if (values.markdown) writeFileSync(values.markdown, markdown);
    else process.stdout.write(markdown);
    if (values.json) writeFileSync(values.json, `${JSON.stringify(report, null, 2)}\n`);
    console.error(`synth diff in ${lap(started)} ms (${timing}, chart renders ${chartsMs} ms, diff/policy/cost ${lap(t)} ms)`);
    if (states.reason) console.error(`chart renders not compared: ${states.reason}`);
    if (report.blocked) {
      const blocking = blockingItems(report.diff);
      console.error(
        `blocked: ${blocking.resources.length} destructive change(s) to stateful resources, ${blocking.stacks.length} removed stack(s) orphaning stateful resources; pass --allow-destroy (PR label allow-destroy) if intended`,
      );
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
