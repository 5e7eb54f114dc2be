import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { CliIo, CliRun } from '../../../tools/cli/run.js';

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a command-line tool in this process, in `cwd`, capturing what it prints. */
export async function runCli(run: CliRun, argv: readonly string[], cwd: string): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { cwd, stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) };
  const code = await run(argv, io);
  return { code, stdout, stderr };
}

/** A Node stack frame (`    at fn (file:line:col)`): never shown for a user error. */
export const STACK_FRAME = /^\s+at .*(\(.*:\d+:\d+\)|:\d+:\d+)$/m;

/** Every file below `root` with a hash of its content: the "earlier output untouched" witness. */
export function treeOf(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir).sort()) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(path);
      else out[relative(root, path)] = createHash('sha256').update(readFileSync(path)).digest('hex');
    }
  };
  walk(root);
  return out;
}
