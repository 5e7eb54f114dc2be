import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RenderedCluster } from '../../charts/app.js';
import type { PlatformConfig } from '../../config/schema/platform.js';
import { WAIVER_CHECK } from '../../policies/waiver-check.js';
import { REPO_ROOT } from '../helm/chart-lock.js';
import type { Finding, OutputCheck, SynthOutput } from './output.js';
import { guardStaging, removeStaleStaging, removeTree, stagingFolder, type StagingGuard } from './staging.js';
import {
  MANIFESTS_DIR,
  REPORTS_DIR,
  stackEnvironment,
  staleOutside,
  swapEnvironment,
  swapEverything,
  TERRAFORM_DIR,
  type SynthTargets,
} from './swap.js';
import { readStacks } from './read-stacks.js';
import { takeTerraformThread, type TerraformThread } from './terraform-thread.js';

export { MANIFESTS_DIR, TERRAFORM_DIR } from './swap.js';

export interface SynthOptions {
  /** Repository root; outputs go to `<root>/cdktf.out` and `<root>/dist`. */
  readonly root: string;
  /** @default OUTPUT_CHECKS */
  readonly checks?: Record<string, OutputCheck>;
  /** Where vendor/charts and the render cache (.build/) live. @default this repository */
  readonly repo?: string;
  /**
   * Only this environment: its stacks, cluster folders and reports are checked and
   * replaced; every other file stays as it is. @default every environment
   */
  readonly environment?: string;
  /**
   * Which halves are moved into place, and where (absolute paths on the file system
   * of `root`, which holds the staging folder). The standard CLIs' apps write only
   * their own half. @default both: `<root>/cdktf.out` and `<root>/dist`
   */
  readonly outputs?: SynthTargets;
}

export interface SynthResult {
  readonly output: SynthOutput;
  readonly findings: Finding[];
}

export class SynthFailed extends Error {
  constructor(readonly findings: Finding[]) {
    const errors = findings.filter((f) => f.severity === 'error');
    super(`synth failed: ${errors.length} error(s)\n` + errors.map((f) => `  - [${f.check}] ${f.where}: ${f.message}`).join('\n'));
    this.name = 'SynthFailed';
  }
}

/**
 * The Kubernetes half: every cluster rendered in memory and written to `<staging>/dist/<env>/<region>/`.
 * cdk8s, the charts, the policies and the checks load here, on first use, not with this
 * module: the Terraform thread gets its job first and builds the stacks while this thread
 * loads them (a synth's largest wait was that thread idle until this one had loaded).
 */
async function writeKubernetesHalf(config: PlatformConfig, staging: string): Promise<RenderedCluster[]> {
  const [{ renderClusters }, { openYamlCache }] = await Promise.all([import('../../charts/app.js'), import('./yaml-cache.js')]);
  const yaml = openYamlCache(REPO_ROOT);
  const clusters = renderClusters(config, yaml.yaml);
  yaml.save();
  for (const cluster of clusters) {
    const dir = join(staging, MANIFESTS_DIR, cluster.dir);
    mkdirSync(dir, { recursive: true });
    for (const [file, text] of cluster.files) writeFileSync(join(dir, file), text);
  }
  return clusters;
}

/** Both halves at once: the Terraform half on the thread, the Kubernetes half here, then `during` (more work for this thread meanwhile). */
async function bothHalves<T>(
  config: PlatformConfig,
  staging: string,
  thread: TerraformThread,
  during: (clusters: RenderedCluster[]) => Promise<T>,
): Promise<SynthOutput & { extra: T }> {
  const names = thread.run(config, staging);
  // Settled below in every path; this keeps it from counting as unhandled meanwhile.
  names.catch(() => undefined);
  let clusters: RenderedCluster[];
  let extra: T;
  try {
    clusters = await writeKubernetesHalf(config, staging);
    extra = await during(clusters);
  } catch (error) {
    // The Terraform half ran first before there were threads: its error still wins, so a synth fails the same way.
    await names;
    throw error;
  }
  return { stacks: readStacks(staging, await names), clusters, extra };
}

/**
 * Synthesizes both halves into a staging folder below `root` (same file system,
 * so renames are atomic): the Terraform half on a worker thread, the Kubernetes
 * half on this one. No checks.
 */
export async function synthesizeTo(config: PlatformConfig, staging: string): Promise<SynthOutput> {
  const { stacks, clusters } = await bothHalves(config, staging, takeTerraformThread(), async () => undefined);
  return { stacks, clusters };
}

/**
 * One turn of the event loop: a Ctrl-C or SIGTERM that arrived during the synchronous
 * work before is handled here (the staging folder removed, the process ended), while
 * the guard still listens; otherwise a synth served from the render cache would only
 * see the signal after it finished. After an interrupt the synth stops here for good:
 * the guard ends the process once the Terraform thread has stopped and the folder is gone.
 */
const interruptible = (guard: StagingGuard) => new Promise<void>((done) => setImmediate(() => guard.interrupted || done()));

/**
 * A warning a one-environment synth cannot judge: about another environment (a
 * declaration its stacks would use, a stack or cluster of it), or an unused waiver
 * (it may cover another environment's resource).
 */
function outsideEnvironment(finding: Finding, env: string, config: PlatformConfig): boolean {
  if (finding.check === WAIVER_CHECK) return true;
  return Object.keys(config.environments).some(
    (other) =>
      other !== env &&
      (finding.where.startsWith(`${other}-`) ||
        finding.where.startsWith(`${other}/`) ||
        new RegExp(`\\.${other}([.[]|$)`).test(finding.where)),
  );
}

/** `prerequisites-prod.md`, `dr-runbook-prod.md`: the reports of one environment; the others describe every environment. */
const reportOf = (file: string, env: string) => new RegExp(`-${env}\\.[a-z]+$`).test(file);

/**
 * The whole synth: both halves into a staging folder, each cluster's state
 * (Helm charts rendered offline), every check over the result, then a swap into
 * place. Any failure (config, synth, check) or interrupt leaves the previous
 * `cdktf.out/` and `dist/` untouched and removes the staging folder; a folder a
 * crashed synth left is removed first. With `environment`, only that environment's
 * output is checked and replaced; stacks outside it that this config would change
 * are named in a warning.
 */
export async function synthesize(config: PlatformConfig, options: SynthOptions): Promise<SynthResult> {
  const env = options.environment;
  if (env !== undefined && !(env in config.environments)) throw new Error(`no environment '${env}' in the config`);
  if (env !== undefined && options.outputs) throw new Error('an environment synth writes to <root>/cdktf.out and <root>/dist only');
  removeStaleStaging(options.root);
  const staging = stagingFolder(options.root);
  mkdirSync(staging, { recursive: true });
  const thread = takeTerraformThread();
  const guard = guardStaging(staging, undefined, undefined, thread.cancel);
  try {
    // Cluster states and the rules that read only the Kubernetes half need no stack: they run while the Terraform half finishes.
    const everything = await bothHalves(config, staging, thread, async (all) => {
      await interruptible(guard);
      const clusters = env === undefined ? all : all.filter((c) => c.view.envName === env);
      const { renderClusterStates } = await import('./cluster-state.js');
      const states = await renderClusterStates(clusters, { root: options.repo ?? REPO_ROOT });
      await interruptible(guard);
      if (options.checks === undefined) (await import('../../policies/engine.js')).evaluateKubernetesHalf({ clusters, states }, config);
      return { clusters, states };
    });
    await interruptible(guard);
    const output: SynthOutput = {
      stacks: env === undefined ? everything.stacks : everything.stacks.filter((s) => stackEnvironment(s.name) === env),
      // The very arrays the early rules read: the catalog finds their results by them.
      clusters: everything.extra.clusters,
      states: everything.extra.states,
    };
    const checks = options.checks ?? (await import('./checks.js')).OUTPUT_CHECKS;
    const findings = Object.keys(checks)
      .sort()
      .flatMap((name) => checks[name]?.(output, config) ?? [])
      .filter((f) => env === undefined || f.severity === 'error' || !outsideEnvironment(f, env, config));
    if (findings.some((f) => f.severity === 'error')) throw new SynthFailed(findings);
    const reportsDir = join(staging, MANIFESTS_DIR, REPORTS_DIR);
    mkdirSync(reportsDir, { recursive: true });
    const { synthReports } = await import('./reports.js');
    for (const [file, text] of synthReports(output, config)) {
      if (env === undefined || reportOf(file, env)) writeFileSync(join(reportsDir, file), text);
    }
    await interruptible(guard);
    if (env === undefined) {
      const outputs = options.outputs ?? { terraform: join(options.root, TERRAFORM_DIR), manifests: join(options.root, MANIFESTS_DIR) };
      guard.swap(() => swapEverything(staging, outputs));
      await interruptible(guard);
      return { output, findings };
    }
    const stale = staleOutside(staging, options.root, env);
    guard.swap(() => swapEnvironment(staging, options.root, env));
    await interruptible(guard);
    const staleFinding: Finding[] =
      stale.length === 0
        ? []
        : [
            {
              severity: 'warning',
              check: 'environment-synth',
              where: `outside ${env}`,
              message: `${stale.length} stack(s) this config changes were left as they were: ${stale.join(', ')}; run npm run synth (every environment) to refresh them`,
            },
          ];
    return { output, findings: [...findings, ...staleFinding] };
  } finally {
    guard.release();
    removeTree(staging);
    // Both halves have answered by now; the thread ends once it wrote its code cache (only after a cold run).
    await thread.ended;
  }
}
