import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderClusters } from '../../charts/app.js';
import type { PlatformConfig } from '../../config/schema/platform.js';
import { WAIVER_CHECK } from '../../policies/waiver-check.js';
import { buildTerraformApp } from '../../stacks/app.js';
import { REPO_ROOT } from '../helm/chart-lock.js';
import { OUTPUT_CHECKS } from './checks.js';
import { renderClusterStates } from './cluster-state.js';
import type { Finding, OutputCheck, SynthOutput, SynthStack, TerraformJson } from './output.js';
import { synthReports } from './reports.js';
import { guardStaging, removeStaleStaging, stagingFolder } from './staging.js';
import { MANIFESTS_DIR, REPORTS_DIR, stackEnvironment, staleOutside, swapEnvironment, swapEverything, TERRAFORM_DIR, type SynthTargets } from './swap.js';

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

/** Synthesizes both halves into a staging folder below `root` (same file system, so renames are atomic). */
export function synthesizeTo(config: PlatformConfig, staging: string): SynthOutput {
  const terraformDir = join(staging, TERRAFORM_DIR);
  const app = buildTerraformApp(config, { outdir: terraformDir });
  app.synth();
  const stacks: SynthStack[] = app.node.children
    .map((c) => c.node.id)
    .sort()
    .map((name) => ({ name, json: JSON.parse(readFileSync(join(terraformDir, 'stacks', name, 'cdk.tf.json'), 'utf8')) as TerraformJson }));
  const clusters = renderClusters(config);
  for (const cluster of clusters) {
    const dir = join(staging, MANIFESTS_DIR, cluster.dir);
    mkdirSync(dir, { recursive: true });
    for (const [file, text] of cluster.files) writeFileSync(join(dir, file), text);
  }
  return { stacks, clusters };
}

/** The part of an output that belongs to one environment (stacks by name, clusters by target). */
export function environmentOutput(output: SynthOutput, env: string): SynthOutput {
  return {
    stacks: output.stacks.filter((s) => stackEnvironment(s.name) === env),
    clusters: output.clusters.filter((c) => c.view.envName === env),
  };
}

/**
 * One turn of the event loop: a Ctrl-C or SIGTERM that arrived during the synchronous
 * work before is handled here (the staging folder removed, the process ended), while
 * the guard still listens; otherwise a synth served from the render cache would only
 * see the signal after it finished.
 */
const interruptible = () => new Promise<void>((done) => setImmediate(done));

/**
 * A warning a one-environment synth cannot judge: about another environment (a
 * declaration its stacks would use, a stack or cluster of it), or an unused waiver
 * (it may cover another environment's resource).
 */
function outsideEnvironment(finding: Finding, env: string, config: PlatformConfig): boolean {
  if (finding.check === WAIVER_CHECK) return true;
  return Object.keys(config.environments).some((other) =>
    other !== env && (finding.where.startsWith(`${other}-`) || finding.where.startsWith(`${other}/`) || new RegExp(`\\.${other}([.[]|$)`).test(finding.where)),
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
  const guard = guardStaging(staging);
  try {
    const everything = synthesizeTo(config, staging);
    await interruptible();
    const halves = env === undefined ? everything : environmentOutput(everything, env);
    const output: SynthOutput = { ...halves, states: await renderClusterStates(halves.clusters, { root: options.repo ?? REPO_ROOT }) };
    await interruptible();
    const checks = options.checks ?? OUTPUT_CHECKS;
    const findings = Object.keys(checks)
      .sort()
      .flatMap((name) => checks[name]?.(output, config) ?? [])
      .filter((f) => env === undefined || f.severity === 'error' || !outsideEnvironment(f, env, config));
    if (findings.some((f) => f.severity === 'error')) throw new SynthFailed(findings);
    const reportsDir = join(staging, MANIFESTS_DIR, REPORTS_DIR);
    mkdirSync(reportsDir, { recursive: true });
    for (const [file, text] of synthReports(output, config)) {
      if (env === undefined || reportOf(file, env)) writeFileSync(join(reportsDir, file), text);
    }
    await interruptible();
    if (env === undefined) {
      const outputs = options.outputs ?? { terraform: join(options.root, TERRAFORM_DIR), manifests: join(options.root, MANIFESTS_DIR) };
      guard.swap(() => swapEverything(staging, outputs));
      await interruptible();
      return { output, findings };
    }
    const stale = staleOutside(staging, options.root, env);
    guard.swap(() => swapEnvironment(staging, options.root, env));
    await interruptible();
    const staleFinding: Finding[] = stale.length === 0 ? [] : [{
      severity: 'warning',
      check: 'environment-synth',
      where: `outside ${env}`,
      message: `${stale.length} stack(s) this config changes were left as they were: ${stale.join(', ')}; run npm run synth (every environment) to refresh them`,
    }];
    return { output, findings: [...findings, ...staleFinding] };
  } finally {
    guard.release();
    rmSync(staging, { recursive: true, force: true });
  }
}
