import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Testing, type TerraformStack } from 'cdktf';
import { stackName } from '../../config/derive/stack-names.js';
import { clusterTargets } from '../../config/derive/targets.js';
import type { PlatformConfig } from '../../config/schema/platform.js';
import { addAccountStacks, addRegionStacks, buildTerraformApp } from '../../stacks/app.js';

/*
 * One stack of the TradeSense app built from another config: only its group of
 * stacks is built (an environment's account stacks, or a region's stacks, as
 * stacks/app.ts wires them), and the stack is synthesized alone, validations
 * run. For tests of what a config change does to one stack, without building
 * and synthesizing the whole app.
 */

/** Parsed synthesized stack (untyped Terraform JSON: tests assert its shape). */
type StackJson = { resource: Record<string, any>; provider?: any; data?: Record<string, any> };

const newApp = () => new App({ outdir: mkdtempSync(join(tmpdir(), 'tradesense-stacks-with-')), stackTraces: false });
const synthesized = (app: App, name: string): StackJson => JSON.parse(Testing.synth(app.node.findChild(name) as TerraformStack, true));

/** A stack of region `<env>/<region>` (`network`, `cluster`, `security`...) built from `config`, as parsed JSON. */
export function regionStackWith(config: PlatformConfig, dir: string, kind: string): StackJson {
  const target = clusterTargets(config).find((t) => `${t.envName}/${t.region}` === dir);
  if (!target) throw new Error(`no cluster '${dir}'`);
  const app = newApp();
  addRegionStacks(app, config, target);
  return synthesized(app, stackName(target.envName, target.region, kind));
}

/** The cluster stack of `<env>/<region>` built from `config`, as parsed JSON. */
export const clusterStackWith = (config: PlatformConfig, dir: string): StackJson => regionStackWith(config, dir, 'cluster');

/** An account-wide stack of an environment (`audit`, `ci-access`, `cost-controls`...) built from `config`, as parsed JSON. */
export function accountStackWith(config: PlatformConfig, envName: string, kind: string): StackJson {
  const app = newApp();
  addAccountStacks(app, config, envName);
  return synthesized(app, stackName(envName, 'global', kind));
}

/** The whole Terraform app built from `config` (no synth): its stack names, and any one stack synthesized alone. */
export function appWith(config: PlatformConfig): { readonly names: string[]; stack(name: string): StackJson } {
  const app = buildTerraformApp(config, { outdir: mkdtempSync(join(tmpdir(), 'tradesense-app-with-')) });
  return { names: app.node.children.map((c) => c.node.id).sort(), stack: (name) => synthesized(app, name) };
}
