import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Testing, type TerraformStack } from 'cdktf';
import { loadPlatformConfig, parsePlatformConfig } from '../../config/load.js';
import type { PlatformConfig, PlatformConfigInput } from '../../config/schema/platform.js';
import { tradesense } from '../../config/values/tradesense.js';
import type { SynthStack, TerraformJson } from '../../policies/output.js';
import { sharedManifest, sharedTerraformDir } from './synth-once/read.js';

let cachedConfig: PlatformConfig | undefined;
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

/**
 * The TradeSense input cut to one environment: the others and every section
 * naming them removed, governance moved to it. About a third of the stacks and
 * one or two clusters: for tests of synth mechanics (staging, swaps, refusals)
 * that any config shows, at a third of a full synth's CPU.
 */
export function keepOnlyEnvironment(input: PlatformConfigInput, envName: string): void {
  const drop = <T extends object>(record: T | undefined) => {
    for (const key of Object.keys(record ?? {})) if (key !== envName) delete (record as Record<string, unknown>)[key];
  };
  drop(input.environments);
  drop(input.security.edge);
  drop(input.gitops.syncWindows);
  drop(input.cost.environments);
  drop(input.ownership.environments);
  drop(input.data);
  drop(input.prerequisites);
  input.deployOrder = [envName];
  input.cost.governanceEnvironment = envName;
  input.ownership.governanceEnvironment = envName;
}

/** Every stack of the TradeSense app, by name (sorted). */
export function platformStackNames(): string[] {
  return Object.keys(sharedManifest().stacks);
}

/** The stacks a stack of the TradeSense app depends on (cdktf's manifest: cross-stack references and explicit dependencies). */
export function manifestDependencies(name: string): string[] {
  const stack = sharedManifest().stacks[name];
  if (!stack) throw new Error(`no stack '${name}'; stacks: ${platformStackNames().join(', ')}`);
  return stack.dependencies;
}

/** The TradeSense app's cdktf.out, as `npm run synth` writes it (read it, never write to it). */
export const platformOutdir = (): string => sharedTerraformDir();

/**
 * Synthesized JSON text of one stack of the TradeSense app, as `npm run synth`
 * writes it: cross-stack references resolved to remote state, aspects and
 * validations run. Read from the run's one synth (test/support/synth-once).
 */
export function synthStack(name: string): string {
  const path = join(sharedTerraformDir(), 'stacks', name, 'cdk.tf.json');
  const cached = synthCache.get(path);
  if (cached) return cached;
  if (!(name in sharedManifest().stacks)) throw new Error(`no stack '${name}'; stacks: ${platformStackNames().join(', ')}`);
  const text = readFileSync(path, 'utf8');
  synthCache.set(path, text);
  return text;
}

/** Every stack of the TradeSense app, synthesized (name order). */
export function platformStacks(): SynthStack[] {
  return platformStackNames().map((name) => ({ name, json: JSON.parse(synthStack(name)) as TerraformJson }));
}

/** Synthesizes a single stack built outside the TradeSense app (for tests of constructs). */
export function synthScopeStack(stack: TerraformStack): string {
  return Testing.synth(stack, true);
}

/** Parsed synthesized stack (untyped Terraform JSON: tests assert its shape). */
export function stackJson(name: string): {
  resource: Record<string, any>;
  data?: Record<string, any>;
  terraform: any;
  provider: any;
  output?: any;
} {
  return JSON.parse(synthStack(name));
}

/** All resources of one Terraform type in a stack. */
export function resourcesOf(name: string, type: string): any[] {
  return Object.values(stackJson(name).resource[type] ?? {});
}
