import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { load } from 'js-yaml';

export const ROOT = resolve(__dirname, '../..');
export const WORKFLOWS_DIR = join(ROOT, '.github/workflows');

export interface Step {
  readonly name?: string;
  readonly id?: string;
  readonly uses?: string;
  readonly run?: string;
  readonly if?: string;
  readonly with?: Record<string, unknown>;
  readonly env?: Record<string, unknown>;
}

export interface Job {
  readonly name?: string;
  readonly needs?: string | string[];
  readonly uses?: string;
  readonly with?: Record<string, unknown>;
  readonly environment?: string | { name: string };
  readonly permissions?: Record<string, string> | string;
  readonly env?: Record<string, unknown>;
  readonly steps?: Step[];
  readonly strategy?: { matrix?: Record<string, unknown> };
}

export interface Workflow {
  readonly file: string;
  readonly text: string;
  readonly name: string;
  readonly on: Record<string, unknown>;
  readonly permissions?: Record<string, string> | string;
  readonly concurrency?: unknown;
  readonly jobs: Record<string, Job>;
}

export function workflowFiles(): string[] {
  return readdirSync(WORKFLOWS_DIR)
    .filter((f) => f.endsWith('.yml') || f.endsWith('.yaml'))
    .sort();
}

export function loadWorkflow(file: string): Workflow {
  const text = readFileSync(join(WORKFLOWS_DIR, file), 'utf8');
  return { file, text, ...(load(text) as Omit<Workflow, 'file' | 'text'>) };
}

export const allWorkflows = (): Workflow[] => workflowFiles().map(loadWorkflow);

export const stepsOf = (wf: Workflow): Step[] => Object.values(wf.jobs).flatMap((j) => j.steps ?? []);

/** A `uses:` reference that is not pinned to a full commit SHA with a version comment, or undefined. */
export function unpinnedUse(line: string): string | undefined {
  const m = /^\s*(?:-\s+)?uses:\s*(\S+)(.*)$/.exec(line);
  if (!m) return undefined;
  const [, ref = '', rest = ''] = m;
  if (ref.startsWith('./')) return undefined;
  return /^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/.test(ref) && /^\s+#\s*v\d+(\.\d+)*\s*$/.test(rest) ? undefined : line.trim();
}

/** Expressions inside a `run:` script: the shell would see their expanded (possibly attacker-controlled) text. */
export function expressionsInRun(run: string): string[] {
  return run.match(/\$\{\{[^}]*\}\}/g) ?? [];
}

/** A GitHub Actions expression as it appears in YAML (`$` + `{{ body }}`), without a template-looking string literal. */
export const gh = (body: string): string => `$${'{{'} ${body} }}`;

/** A bash array expansion, `"$` + `{name[@]}"`. */
export const allOf = (name: string): string => `"$${'{'}${name}[@]}"`;
