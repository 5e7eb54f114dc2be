/**
 * Validates planned stacks with real Terraform: template init, then roots of
 * several stacks validated in parallel. Stacks with skew are validated again
 * with the skewed members dropped, so the rest of each skewed block still gets
 * the provider's own checks (Terraform skips them for a block that failed to decode).
 */
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { attribute, parseValidateOutput, type StackDiagnostic } from './diagnostics.js';
import { withoutPath } from './json-path.js';
import { classify, type SkewContext, type Verdict } from './skew.js';
import type { ProviderUse } from './stack-plan.js';
import { inParallel, terraform } from './terraform-run.js';
import {
  markTemplateInitialized,
  shard,
  stackFile,
  templateConfig,
  writeRoot,
  writeTemplate,
  type Root,
  type StackToRun,
} from './workspace.js';

export interface Finding extends StackDiagnostic {
  readonly verdict: Verdict;
}

export interface StackOutcome {
  readonly stack: string;
  readonly findings: readonly Finding[];
  readonly passes: number;
}

export interface RunOptions {
  readonly workDir: string;
  readonly cliConfig: string;
  readonly env: Record<string, string>;
  readonly knowledge: SkewContext['knowledge'];
  /** Roots validated at once. */
  readonly jobs: number;
  /** Upper bound of stacks in one root (each root's provider processes live together, so this bounds memory). */
  readonly stacksPerRoot: number;
  readonly log: (line: string) => void;
}

/** Validate passes at most: the second drops skew, more are needed only when dropping reveals more skew. */
const MAX_PASSES = 4;

export interface RunTimings {
  initMs: number;
  validateMs: number;
  roots: number;
}

export async function runValidation(
  stacks: readonly (StackToRun & { ownRoot?: string })[],
  options: RunOptions,
): Promise<{ outcomes: StackOutcome[]; timings: RunTimings }> {
  const timings: RunTimings = { initMs: 0, validateMs: 0, roots: 0 };
  const templateDir = join(options.workDir, 'template');
  const config = templateConfig(stacks.flatMap((s) => s.providers as ProviderUse[]));
  const started = performance.now();
  if (writeTemplate(templateDir, config, options.cliConfig)) {
    options.log('initializing the template root from the mirror (terraform init -backend=false)');
    const init = await terraform(['init', '-backend=false', '-input=false', '-no-color'], templateDir, options.env);
    if (init.code !== 0) throw new Error(`terraform init in ${templateDir} failed:\n${(init.stderr || init.stdout).trim()}`);
    markTemplateInitialized(templateDir, config, options.cliConfig);
  }
  timings.initMs = performance.now() - started;

  for (const old of readdirSync(options.workDir).filter((d) => d.startsWith('pass-')))
    rmSync(join(options.workDir, old), { recursive: true, force: true });
  const outcomes = new Map<string, StackOutcome>();
  let pending: (StackToRun & { ownRoot?: string })[] = [...stacks];
  for (let pass = 1; pass <= MAX_PASSES && pending.length > 0; pass += 1) {
    const roots = planRoots(pending, join(options.workDir, `pass-${pass}`), options);
    timings.roots += roots.length;
    const passStarted = performance.now();
    const results = (await inParallel(roots, options.jobs, (root) => validateRoot(root, templateDir, options))).flat();
    timings.validateMs += performance.now() - passStarted;
    const next: (StackToRun & { ownRoot?: string })[] = [];
    for (const stack of pending) {
      const findings = results.filter((f) => f.stack === stack.name);
      // Skew found earlier stays reported; skew that is not stripped (unknown types) shows up again and counts once.
      const earlierSkew = (outcomes.get(stack.name)?.findings ?? []).filter((f) => f.verdict.kind === 'skew');
      const seen = new Set(earlierSkew.map(findingKey));
      outcomes.set(stack.name, {
        stack: stack.name,
        findings: [...earlierSkew, ...findings.filter((f) => !seen.has(findingKey(f)))],
        passes: pass,
      });
      const strips = findings.flatMap((f) => (f.verdict.kind === 'skew' && f.verdict.strip ? [f.verdict.strip] : []));
      if (strips.length > 0) next.push({ ...stack, json: strips.reduce((json, path) => withoutPath(json, path), stack.json) });
    }
    if (next.length > 0)
      options.log(`pass ${pass}: ${next.length} stacks had version skew; validating them again without the skewed members`);
    pending = next;
  }
  return { outcomes: stacks.map((s) => outcomes.get(s.name) ?? { stack: s.name, findings: [], passes: 0 }), timings };
}

const findingKey = (f: Finding) => `${f.address} ${f.path.join('/')} ${f.summary} ${f.detail}`;

/** Own-root stacks alone; the others in at least `jobs` roots of at most `stacksPerRoot` stacks. */
function planRoots(stacks: readonly (StackToRun & { ownRoot?: string })[], dir: string, options: RunOptions): Root[] {
  const own = stacks.filter((s) => s.ownRoot);
  const shared = stacks.filter((s) => !s.ownRoot);
  const groups = shared.length === 0 ? [] : shard(shared, Math.max(options.jobs, Math.ceil(shared.length / options.stacksPerRoot)));
  return [
    ...groups.map((g, i) => ({ dir: join(dir, `root-${i}`), mode: 'modules' as const, stacks: g })),
    ...own.map((s, i) => ({ dir: join(dir, `own-${i}`), mode: 'own' as const, stacks: [s] })),
  ];
}

async function validateRoot(root: Root, templateDir: string, options: RunOptions): Promise<Finding[]> {
  const texts = writeRoot(root, templateDir);
  const names = root.stacks.map((s) => s.name);
  const failed = (message: string): Finding[] =>
    names.map((stack) => ({
      stack,
      severity: 'error',
      address: '(root)',
      path: [],
      summary: message,
      detail: '',
      verdict: { kind: 'failure' },
    }));
  if (root.mode === 'modules') {
    const get = await terraform(['get', '-no-color'], root.dir, options.env);
    if (get.code !== 0) return failed(`terraform get failed: ${(get.stderr || get.stdout).trim()}`);
  }
  const run = await terraform(['validate', '-json', '-no-color'], root.dir, options.env);
  let output;
  try {
    output = parseValidateOutput(run.stdout, run.stderr);
  } catch (error) {
    return failed((error as Error).message);
  }
  const byFile = new Map(names.map((n) => [stackFile(root, n), n]));
  const diagnostics = attribute(output, names, { stackOf: (f) => byFile.get(f), textOf: (s) => texts.get(s) });
  const providersOf = new Map(root.stacks.map((s) => [s.name, s.providers]));
  return diagnostics.map((d) => ({
    ...d,
    verdict: classify(d, { providers: providersOf.get(d.stack) ?? [], knowledge: options.knowledge }),
  }));
}
