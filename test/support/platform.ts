import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Testing, type TerraformStack } from 'cdktf';
import { clusterTargets } from '../../config/derive/targets.js';
import { loadPlatformConfig, parsePlatformConfig } from '../../config/load.js';
import type { PlatformConfig, PlatformConfigInput } from '../../config/schema/platform.js';
import { tradesense } from '../../config/values/tradesense.js';
import { addRegionStacks, buildTerraformApp } from '../../stacks/app.js';

let cachedConfig: PlatformConfig | undefined;
let cachedApp: { app: App; outdir: string; synthesized: boolean } | undefined;
const synthCache = new Map<string, string>();

/** The TradeSense config, parsed once per worker. */
export function platformConfig(): PlatformConfig {
  cachedConfig ??= loadPlatformConfig();
  return cachedConfig;
}

/** A deep copy of the TradeSense input, for tests that break one field. */
export function configInput(): PlatformConfigInput {
  return structuredClone(tradesense);
}

export function configWith(mutate: (input: PlatformConfigInput) => void): PlatformConfig {
  const input = configInput();
  mutate(input);
  return parsePlatformConfig(input);
}

/** The full Terraform app, built once per worker (isolate: false shares it across files). */
export function platformApp(): App {
  if (!cachedApp) {
    const outdir = mkdtempSync(join(tmpdir(), 'tradesense-test-'));
    cachedApp = { app: buildTerraformApp(platformConfig(), { outdir }), outdir, synthesized: false };
  }
  return cachedApp.app;
}

export function stackNamed(name: string, app: App = platformApp()): TerraformStack {
  const stack = app.node.tryFindChild(name);
  if (!stack) throw new Error(`no stack '${name}'; stacks: ${app.node.children.map((c) => c.node.id).join(', ')}`);
  return stack as TerraformStack;
}

/**
 * Synthesized JSON text of one stack of the TradeSense app, as `app.synth()`
 * writes it: cross-stack references resolved to remote state, aspects and
 * validations run. The app synthesizes once per worker.
 */
export function synthStack(name: string): string {
  const cached = synthCache.get(name);
  if (cached) return cached;
  const app = platformApp();
  if (!cachedApp?.synthesized) {
    app.synth();
    if (cachedApp) cachedApp.synthesized = true;
  }
  stackNamed(name);
  const text = readFileSync(join(cachedApp?.outdir ?? '', 'stacks', name, 'cdk.tf.json'), 'utf8');
  synthCache.set(name, text);
  return text;
}

/** Synthesizes a single stack built outside the TradeSense app (for tests of constructs). */
export function synthScopeStack(stack: TerraformStack): string {
  return Testing.synth(stack, true);
}

/** Parsed synthesized stack (untyped Terraform JSON: tests assert its shape). */
export function stackJson(name: string): { resource: Record<string, any>; data?: Record<string, any>; terraform: any; provider: any; output?: any } {
  return JSON.parse(synthStack(name));
}

/** All resources of one Terraform type in a stack. */
export function resourcesOf(name: string, type: string): any[] {
  return Object.values(stackJson(name).resource[type] ?? {});
}

/** The cluster stack of `<env>/<region>` built from another config (with its region's other stacks, as the app wires them), as parsed JSON. */
export function clusterStackWith(config: PlatformConfig, dir: string): { resource: Record<string, any> } {
  const target = clusterTargets(config).find((t) => `${t.envName}/${t.region}` === dir);
  if (!target) throw new Error(`no cluster '${dir}'`);
  const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'tradesense-cluster-')), stackTraces: false });
  return JSON.parse(Testing.synth(addRegionStacks(app, config, target).cluster, true));
}
