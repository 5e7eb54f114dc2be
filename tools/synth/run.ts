import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderClusters } from '../../charts/app.js';
import type { PlatformConfig } from '../../config/index.js';
import { buildTerraformApp } from '../../stacks/app.js';
import { OUTPUT_CHECKS } from './checks.js';
import { renderClusterStates } from './cluster-state.js';
import { REPO_ROOT } from '../helm/chart-lock.js';
import { synthReports } from './reports.js';
import type { Finding, OutputCheck, SynthOutput, SynthStack, TerraformJson } from './output.js';

export const TERRAFORM_DIR = 'cdktf.out';
export const MANIFESTS_DIR = 'dist';

export interface SynthOptions {
  /** Repository root; outputs go to `<root>/cdktf.out` and `<root>/dist`. */
  readonly root: string;
  /** @default OUTPUT_CHECKS */
  readonly checks?: Record<string, OutputCheck>;
  /** Where vendor/charts and the render cache (.build/) live. @default this repository */
  readonly repo?: string;
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

/**
 * The whole synth: both halves into a staging folder, each cluster's state
 * (Helm charts rendered offline), every check over the result, then a swap into place. Any failure (config, synth, check) leaves the
 * previous `cdktf.out/` and `dist/` untouched.
 */
export async function synthesize(config: PlatformConfig, options: SynthOptions): Promise<SynthResult> {
  const staging = join(options.root, `.synth-staging-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  try {
    const halves = synthesizeTo(config, staging);
    const output: SynthOutput = { ...halves, states: await renderClusterStates(halves.clusters, { root: options.repo ?? REPO_ROOT }) };
    const checks = options.checks ?? OUTPUT_CHECKS;
    const findings = Object.keys(checks)
      .sort()
      .flatMap((name) => checks[name]?.(output, config) ?? []);
    if (findings.some((f) => f.severity === 'error')) throw new SynthFailed(findings);
    const reportsDir = join(staging, MANIFESTS_DIR, 'reports');
    mkdirSync(reportsDir, { recursive: true });
    for (const [file, text] of synthReports(output, config)) writeFileSync(join(reportsDir, file), text);
    for (const dir of [TERRAFORM_DIR, MANIFESTS_DIR]) {
      const live = join(options.root, dir);
      const retired = join(staging, `previous-${dir}`);
      if (existsSync(live)) renameSync(live, retired);
      renameSync(join(staging, dir), live);
    }
    return { output, findings };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}
