/**
 * `npm run diff -- --base <git-ref> [--allow-destroy] [--markdown file] [--json file] [--in-process] [--env name]`
 *
 * Synthesizes the base revision (a git worktree kept per base commit) and the working tree,
 * and reports what a PR changes per environment and region. Exits 1 when it
 * destroys or replaces a stateful resource and --allow-destroy is not given
 * (CI passes it for the `allow-destroy` label), 2 on a usage or synth error.
 * `--env` compares one environment's stacks and cluster folders only.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadPlatformConfig } from '../../config/load.js';
import type { PlatformConfig } from '../../config/schema/platform.js';
import type { CommandSpec } from '../cli/command.js';
import { UsageError } from '../cli/errors.js';
import { environmentOption, stringValue, writeOutputFile } from '../cli/input.js';
import { runCommand, runIfMain, type CliIo } from '../cli/run.js';
import type { Finding, SynthOutput } from '../synth/output.js';
import { synthesizeTo } from '../synth/run.js';
import { analyze, headPolicyFindings } from './analyze.js';
import { renderChartStates, type ChartStates } from './chart-states.js';
import { renderMarkdown } from './markdown.js';
import { blockingItems, exitCodeOf } from './report.js';
import { takeBaseWorktree, type BaseWorktree } from './base-worktrees.js';
import { resolveCommit, synthesizeInProcess, synthesizeWhenCheckedOut } from './revision.js';
import type { SynthTree } from './tree.js';

export const DIFF_COMMAND: CommandSpec = {
  name: 'npm run diff --',
  summary: 'Credential-free synth diff of the working tree against a base revision: resources, manifests, policies, cost delta (Markdown).',
  options: {
    base: {
      type: 'string',
      value: 'git-ref',
      required: true,
      description: 'the revision to compare against (branch, tag or commit; in CI origin/main)',
    },
    'allow-destroy': {
      type: 'boolean',
      description: 'do not fail on destroyed or replaced stateful resources (the allow-destroy PR label)',
    },
    markdown: { type: 'string', value: 'file', description: 'write the Markdown report to this file instead of stdout' },
    json: { type: 'string', value: 'file', description: 'also write the report as JSON to this file' },
    'in-process': { type: 'boolean', description: "run the base's synth in this process after the working tree's (no child process)" },
    env: { type: 'string', value: 'name', description: "compare only this environment's stacks and cluster folders" },
  },
  details:
    'exit codes: 0 no blocking change, 1 a stateful resource destroyed or replaced (or orphaned) without --allow-destroy, 2 usage error, unknown ref or synth error',
};

interface DiffOptions {
  readonly ref: string;
  readonly allowDestroy: boolean;
  readonly inProcess: boolean;
  readonly markdown?: string;
  readonly json?: string;
  readonly env?: string;
}

/** One environment's part of a tree (stacks by name, clusters by folder), or the whole tree. */
function onlyEnvironment<T extends SynthTree>(tree: T, env: string | undefined): T {
  if (env === undefined) return tree;
  return {
    ...tree,
    stacks: tree.stacks.filter((s) => s.name.startsWith(`${env}-`)),
    clusters: tree.clusters.filter((c) => c.dir.startsWith(`${env}/`)),
  };
}

const lap = (since: number) => Math.round(performance.now() - since);

/**
 * Both synths and both sides' chart renders. By default one child process checks the
 * base out and runs its own synth code (no checks) while this one synthesizes the working
 * tree (two cores: about the longer of the two instead of their sum); the chart
 * renders start as soon as their side's code is there, so they run while the base's
 * synth finishes. `--in-process` checks out, then runs the base's synth code in this
 * process after the working tree's, sharing the loaded packages; it is also the
 * fallback when the child fails after the checkout.
 */
async function synthesizeBoth(
  root: string,
  base: BaseWorktree,
  work: string,
  config: PlatformConfig,
  options: Pick<DiffOptions, 'inProcess' | 'env'>,
  io: CliIo,
): Promise<{ base: SynthTree; head: SynthOutput; states: ChartStates; headFindings?: Finding[]; timing: string }> {
  const worktree = base.dir;
  const child = options.inProcess ? undefined : synthesizeWhenCheckedOut(worktree, base.checkedOut);
  const checkout = base.checkedOut;
  // Failures are handled where they are awaited; this keeps them from being reported as unhandled meanwhile.
  child?.tree.catch(() => undefined);
  checkout.catch(() => undefined);
  let t = performance.now();
  mkdirSync(join(work, 'head'));
  let head: SynthOutput;
  let states: Promise<ChartStates> | undefined;
  let headFindings: Finding[] | undefined;
  try {
    head = await synthesizeTo(config, join(work, 'head'));
    const compared = onlyEnvironment(head, options.env);
    // The working tree's policies run while the base synthesizes: otherwise the longest step after it.
    states = renderChartStates(
      root,
      worktree,
      compared.clusters,
      checkout,
      (headStates) => {
        headFindings = headPolicyFindings(compared, headStates, config);
      },
      child?.states,
    );
  } catch (error) {
    // Let git and the base synth finish before the caller removes their folder.
    await Promise.allSettled([child?.tree, checkout]);
    throw error;
  }
  const headMs = lap(t);
  t = performance.now();
  mkdirSync(join(work, 'base-out'));
  let baseTree: SynthTree;
  try {
    if (child) {
      try {
        baseTree = await child.tree;
      } catch (error) {
        if (!existsSync(join(worktree, '.git'))) throw error;
        io.stderr(
          `child synth of the base failed, retrying in process: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}\n`,
        );
        baseTree = await synthesizeInProcess(worktree, join(work, 'base-out'));
      }
    } else {
      await checkout;
      baseTree = await synthesizeInProcess(worktree, join(work, 'base-out'));
    }
  } catch (error) {
    await states.catch(() => undefined);
    throw error;
  }
  const baseMs = lap(t);
  t = performance.now();
  const rendered = await states;
  const kept = base.reused ? 'kept worktree' : 'new worktree';
  const timing = `working tree ${headMs} ms, then base (${kept}, ${child ? 'child, in parallel) waited' : 'in process) took'} ${baseMs} ms, then chart renders (started with the base) waited ${lap(t)} ms`;
  return { base: baseTree, head, states: rendered, headFindings, timing };
}

async function diff(options: DiffOptions, io: CliIo): Promise<number> {
  const root = io.cwd;
  const started = performance.now();
  const config = loadPlatformConfig();
  const env = environmentOption(config, options.env);
  let sha: string;
  try {
    sha = resolveCommit(root, options.ref);
  } catch (error) {
    throw new UsageError(`--base: ${error instanceof Error ? error.message : String(error)}`);
  }
  const work = mkdtempSync(join(tmpdir(), 'synth-diff-'));
  const worktree = takeBaseWorktree(root, sha, work);
  try {
    const both = await synthesizeBoth(root, worktree, work, config, { inProcess: options.inProcess, env }, io);
    const base = onlyEnvironment(both.base, env);
    const head = onlyEnvironment(both.head, env);
    const states = both.states;
    const t = performance.now();
    const report = analyze({
      base: { ref: options.ref, sha, tree: base },
      head,
      config,
      states,
      allowDestroy: options.allowDestroy,
      headFindings: both.headFindings,
    });
    const markdown = renderMarkdown(report);
    if (options.markdown) writeOutputFile(options.markdown, root, '--markdown', markdown);
    else io.stdout(markdown);
    if (options.json) writeOutputFile(options.json, root, '--json', `${JSON.stringify(report, null, 2)}\n`);
    io.stderr(`synth diff${env ? ` of ${env}` : ''} in ${lap(started)} ms (${both.timing}, diff/policy/cost ${lap(t)} ms)\n`);
    if (states.reason) io.stderr(`chart renders not compared: ${states.reason}\n`);
    if (report.blocked) {
      const blocking = blockingItems(report.diff);
      io.stderr(
        `blocked: ${blocking.resources.length} destructive change(s) to stateful resources, ${blocking.stacks.length} removed stack(s) orphaning stateful resources; pass --allow-destroy (PR label allow-destroy) if intended\n`,
      );
    }
    return exitCodeOf(report);
  } catch (error) {
    io.stderr(`${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  } finally {
    worktree.release();
    rmSync(work, { recursive: true, force: true });
  }
}

export function run(argv: readonly string[], io: CliIo): Promise<number> {
  return runCommand(DIFF_COMMAND, argv, io, ({ values }) =>
    diff(
      {
        ref: stringValue(values.base) ?? '',
        allowDestroy: values['allow-destroy'] === true,
        inProcess: values['in-process'] === true,
        markdown: stringValue(values.markdown),
        json: stringValue(values.json),
        env: stringValue(values.env),
      },
      io,
    ),
  );
}

runIfMain(import.meta.url, run);
