/**
 * The Terraform working directories under .build/validate/. One template root is
 * initialized once from the mirror (its providers and lock file are reused while
 * the CLI config and the provider set stay the same); each validation root holds
 * several stacks as child modules, links the template's providers and copies its
 * lock file, so a root needs only `terraform get` (local modules) before
 * `validate`. One terraform process then loads the provider schema for many stacks.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { ProviderUse, StackJson } from './stack-plan.js';

export interface StackToRun {
  readonly name: string;
  readonly json: StackJson;
  readonly providers: readonly ProviderUse[];
}

export interface Root {
  readonly dir: string;
  /** `modules`: stacks under stacks/<name>/ as child modules; `own`: one stack is the root itself. */
  readonly mode: 'modules' | 'own';
  readonly stacks: readonly StackToRun[];
}

/** Stacks in one root by default: 14 keeps two roots at about 3 GB of memory together (each stack's provider processes live until its root is done). */
export const DEFAULT_STACKS_PER_ROOT = 14;

/** File of a stack's copy, relative to its root, as Terraform names it in diagnostics. */
export const stackFile = (root: Root, stack: string): string => (root.mode === 'own' ? 'cdk.tf.json' : `stacks/${stack}/cdk.tf.json`);

/** Rough cost of validating a stack: each provider configuration starts a provider process, each block is checked. */
export function weight(json: StackJson): number {
  const count = (section: unknown) =>
    Object.values((section ?? {}) as Record<string, Record<string, unknown> | unknown[]>).reduce(
      (n, v) => n + (Array.isArray(v) ? v.length : Object.keys(v).length),
      0,
    );
  return 20 * count(json.provider) + count(json.resource) + count(json.data);
}

/** Splits stacks into `groups` groups of similar total weight (largest first onto the lightest group). */
export function shard(stacks: readonly StackToRun[], groups: number): StackToRun[][] {
  const bins = Array.from({ length: Math.max(1, Math.min(groups, stacks.length)) }, () => ({ load: 0, stacks: [] as StackToRun[] }));
  const heaviest = [...stacks].sort((a, b) => weight(b.json) - weight(a.json) || a.name.localeCompare(b.name));
  for (const stack of heaviest) {
    const bin = bins.reduce((min, b) => (b.load < min.load ? b : min));
    bin.load += weight(stack.json);
    bin.stacks.push(stack);
  }
  return bins.map((b) => b.stacks.sort((x, y) => x.name.localeCompare(y.name))).filter((s) => s.length > 0);
}

/** The template's configuration: every provider in use at its mirrored version. */
export function templateConfig(providers: readonly ProviderUse[]): string {
  const required = Object.fromEntries(
    [...new Map(providers.map((p) => [p.source, p])).values()]
      .sort((a, b) => a.source.localeCompare(b.source))
      .map((p) => [p.source.split('/').at(-1), { source: p.source, version: p.used }]),
  );
  return `${JSON.stringify({ terraform: { required_providers: required } }, null, 2)}\n`;
}

/**
 * Writes the template root; true when it must be (re-)initialized, i.e. its
 * configuration or CLI config changed or it was never initialized.
 */
export function writeTemplate(dir: string, config: string, cliConfig: string): boolean {
  mkdirSync(dir, { recursive: true });
  const stamp = join(dir, 'initialized-with.json');
  const wanted = JSON.stringify({ config, cliConfig });
  const fresh = existsSync(stamp) && readFileSync(stamp, 'utf8') === wanted && existsSync(join(dir, '.terraform.lock.hcl'));
  if (fresh) return false;
  rmSync(join(dir, '.terraform'), { recursive: true, force: true });
  rmSync(stamp, { force: true });
  writeFileSync(join(dir, 'main.tf.json'), config);
  return true;
}

/** Records that the template's `terraform init` succeeded for this configuration. */
export function markTemplateInitialized(dir: string, config: string, cliConfig: string): void {
  writeFileSync(join(dir, 'initialized-with.json'), JSON.stringify({ config, cliConfig }));
}

const moduleKey = (name: string, at: number) => (/^[A-Za-z][A-Za-z0-9_-]*$/.test(name) ? name : `stack_${at}`);

/** Writes a validation root from scratch, wired to the template's providers and lock file; returns each stack's copy text. */
export function writeRoot(root: Root, templateDir: string): Map<string, string> {
  rmSync(root.dir, { recursive: true, force: true });
  mkdirSync(join(root.dir, '.terraform'), { recursive: true });
  const texts = new Map<string, string>();
  for (const stack of root.stacks) {
    const file = join(root.dir, stackFile(root, stack.name));
    mkdirSync(join(file, '..'), { recursive: true });
    const text = `${JSON.stringify(stack.json, null, 2)}\n`;
    writeFileSync(file, text);
    texts.set(stack.name, text);
  }
  if (root.mode === 'modules') {
    const modules = Object.fromEntries(root.stacks.map((s, at) => [moduleKey(s.name, at), { source: `./stacks/${s.name}` }]));
    writeFileSync(join(root.dir, 'main.tf.json'), `${JSON.stringify({ module: modules }, null, 2)}\n`);
  }
  symlinkSync(relative(join(root.dir, '.terraform'), join(templateDir, '.terraform/providers')), join(root.dir, '.terraform/providers'));
  copyFileSync(join(templateDir, '.terraform.lock.hcl'), join(root.dir, '.terraform.lock.hcl'));
  return texts;
}
