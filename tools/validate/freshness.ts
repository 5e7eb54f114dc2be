/**
 * Whether cdktf.out/ still shows the working tree: `npm run validate` checks the
 * synthesized stacks, so it synthesizes first when they are absent or older than
 * any synth input (a file's mtime after cdktf.out/manifest.json's).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Read by synth at run time rather than bundled: the Lambda sources, the locked dependencies, the cdktf settings. */
const RUNTIME_INPUTS = ['functions', 'package-lock.json', 'cdktf.json'];
/** When synth never ran through tools/run.mjs here: every folder it could read. */
const ALL_INPUTS = ['config', 'constructs', 'stacks', 'charts', 'policies', 'tools', ...RUNTIME_INPUTS];

/**
 * What synth reads: the repository files of its last bundle (tools/run.mjs records
 * them in .build/tools_synth.inputs.json) and its run-time inputs; every candidate
 * folder when there is no such record.
 */
export function synthInputs(root: string): string[] {
  const record = join(root, '.build/tools_synth.inputs.json');
  if (!existsSync(record)) return ALL_INPUTS;
  const bundled = (JSON.parse(readFileSync(record, 'utf8')) as [string, number, number][]).map(([file]) => file);
  return [...bundled.filter((f) => !f.startsWith('node_modules/')), ...RUNTIME_INPUTS];
}

/** Newest file under `paths` (relative to `root`), skipping dependencies; undefined when there are none. */
export function newestFile(root: string, paths: readonly string[]): { file: string; mtimeMs: number } | undefined {
  let newest: { file: string; mtimeMs: number } | undefined;
  const visit = (rel: string) => {
    const abs = join(root, rel);
    if (!existsSync(abs)) return;
    const stat = statSync(abs);
    if (stat.isDirectory()) {
      for (const entry of readdirSync(abs)) if (entry !== 'node_modules' && !entry.startsWith('.')) visit(join(rel, entry));
    } else if (!newest || stat.mtimeMs > newest.mtimeMs) newest = { file: rel, mtimeMs: stat.mtimeMs };
  };
  for (const path of paths) visit(path);
  return newest;
}

/** Why the synthesized stacks under `outDir` must be synthesized again, or undefined when they are current. */
export function staleReason(root: string, outDir: string, inputs: readonly string[] = synthInputs(root)): string | undefined {
  const manifest = join(root, outDir, 'manifest.json');
  if (!existsSync(manifest) || !existsSync(join(root, outDir, 'stacks'))) return `${outDir}/ has no synthesized stacks`;
  const synthesized = statSync(manifest).mtimeMs;
  const newest = newestFile(root, inputs);
  return newest && newest.mtimeMs > synthesized ? `${newest.file} changed after the last synth` : undefined;
}
