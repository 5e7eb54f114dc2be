import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { TODAY_VARIABLE } from '../../../config/clock.js';
import { TEST_TODAY } from '../test-date.js';
import { FAILED_FILE } from './files.js';

const ROOT = resolve(import.meta.dirname, '..', '..', '..');

declare module 'vitest' {
  export interface ProvidedContext {
    /** The folder ./write.ts synthesizes into for this run; ./read.ts waits for it. */
    synthOnce: string;
  }
}

/**
 * vitest globalSetup: the TradeSense config is synthesized once per run, by one
 * child process (the bundled synth, as `npm run synth` runs it), instead of once
 * per worker. It is started, not awaited: workers run the tests that need no
 * synth meanwhile, and the first test that reads the output waits for it
 * (./read.ts). A watch-mode rerun synthesizes again into a fresh folder.
 */
export default function setup(project: TestProject): () => void {
  let child: ChildProcess | undefined;
  let tornDown = false;
  const folders: string[] = [];
  const start = () => {
    const dir = mkdtempSync(join(tmpdir(), 'tradesense-synth-once-'));
    folders.push(dir);
    let stderr = '';
    child = spawn(process.execPath, [join(ROOT, 'tools/run.mjs'), join(ROOT, 'test/support/synth-once/write.ts'), dir], {
      cwd: ROOT,
      env: { ...process.env, [TODAY_VARIABLE]: TEST_TODAY },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child.stderr?.on('data', (chunk: Buffer) => void (stderr += chunk.toString()));
    // A crash before write.ts could report (bundling, out of memory) must not leave the workers waiting.
    child.on('exit', (code, signal) => {
      // After teardown (a run shorter than the synth) the folder is gone and nobody waits.
      if (code !== 0 && signal === null && !tornDown) writeFileSync(join(dir, FAILED_FILE), `exit code ${code}\n${stderr}`, { flag: 'a' });
    });
    project.provide('synthOnce', dir);
  };
  start();
  project.onTestsRerun(start);
  return () => {
    tornDown = true;
    if (child && child.exitCode === null) child.kill();
    for (const dir of folders) rmSync(dir, { recursive: true, force: true });
  };
}
