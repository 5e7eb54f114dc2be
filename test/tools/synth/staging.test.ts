import { spawn } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { guardStaging, removeStaleStaging, removeTree, stagingFolder } from '../../../tools/synth/staging.js';

const REPO = resolve(__dirname, '../../..');
/** Above any pid_max Linux allows (2^22): no process has it. */
const DEAD_PID = 99_999_999;

function folderWith(...names: string[]): string {
  const root = mkdtempSync(join(tmpdir(), 'staging-'));
  for (const name of names) {
    mkdirSync(join(root, name, 'cdktf.out'), { recursive: true });
    writeFileSync(join(root, name, 'cdktf.out', 'half-written.json'), '{');
  }
  return root;
}

describe('staging folders', () => {
  test('the next synth removes what a crashed synth left, and nothing of a running one', () => {
    const root = folderWith(`.synth-staging-${DEAD_PID}`, `.synth-staging-${process.pid}`, `.synth-staging-${process.ppid}`, 'cdktf.out');
    expect(removeStaleStaging(root)).toEqual([`.synth-staging-${DEAD_PID}`, `.synth-staging-${process.pid}`].sort());
    expect(readdirSync(root).sort()).toEqual([`.synth-staging-${process.ppid}`, 'cdktf.out']);
  });

  test('an interrupt removes the staging folder, then ends the process with the same signal', () => {
    const root = folderWith(`.synth-staging-${process.pid}`);
    const signals = new EventEmitter();
    const exits: string[] = [];
    guardStaging(stagingFolder(root), (signal) => exits.push(signal), signals);
    signals.emit('SIGTERM');
    expect(existsSync(stagingFolder(root))).toBe(false);
    expect(exits).toEqual(['SIGTERM']);
    expect(signals.listenerCount('SIGINT') + signals.listenerCount('SIGTERM')).toBe(0);
  });

  test('an interrupt during the swap waits for it to finish: the output is never half moved', () => {
    const root = folderWith(`.synth-staging-${process.pid}`);
    const signals = new EventEmitter();
    const events: string[] = [];
    const guard = guardStaging(stagingFolder(root), (signal) => events.push(`exit ${signal}`), signals);
    guard.swap(() => {
      signals.emit('SIGINT');
      events.push('swapped');
    });
    expect(events).toEqual(['swapped', 'exit SIGINT']);
    expect(existsSync(stagingFolder(root))).toBe(false);
  });

  test('an interrupt stops the other writer (the Terraform thread) first: a file it writes meanwhile is removed too', async () => {
    const root = folderWith(`.synth-staging-${process.pid}`);
    const signals = new EventEmitter();
    const events: string[] = [];
    let stopped!: () => void;
    const writerStops = new Promise<void>((done) => (stopped = done));
    const guard = guardStaging(
      stagingFolder(root),
      (signal) => events.push(`exit ${signal}`),
      signals,
      () => writerStops,
    );
    signals.emit('SIGINT');
    expect(guard.interrupted).toBe(true);
    // The writer is still at work: nothing is removed yet, the process still runs.
    writeFileSync(join(stagingFolder(root), 'cdktf.out', 'written-after-the-signal.json'), '{}');
    expect(events).toEqual([]);
    stopped();
    await writerStops;
    await new Promise((r) => setImmediate(r));
    expect(events).toEqual(['exit SIGINT']);
    expect(existsSync(stagingFolder(root))).toBe(false);
  });

  test('removeTree removes nested folders and files, and a missing folder is no error', () => {
    const root = folderWith('a', 'b');
    mkdirSync(join(root, 'a', 'deep', 'er'), { recursive: true });
    writeFileSync(join(root, 'a', 'deep', 'er', 'f.txt'), 'x');
    removeTree(root);
    expect(existsSync(root)).toBe(false);
    expect(() => removeTree(root)).not.toThrow();
  });

  test('release removes the handlers', () => {
    const signals = new EventEmitter();
    guardStaging(stagingFolder(folderWith()), () => undefined, signals).release();
    expect(signals.listenerCount('SIGINT')).toBe(0);
  });

  test('Ctrl-C during a real npm run synth removes its staging folder and writes nothing', async () => {
    // Inside the repository: synth finds policies/rego from its working folder up.
    mkdirSync(join(REPO, '.build'), { recursive: true });
    const cwd = mkdtempSync(join(REPO, '.build', 'synth-interrupt-'));
    const child = spawn(process.execPath, [join(REPO, 'tools/run.mjs'), join(REPO, 'tools/synth.ts')], { cwd, stdio: 'ignore' });
    const staging = stagingFolder(cwd, child.pid);
    const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
      child.on('exit', (code, signal) => done({ code, signal })),
    );
    for (let waited = 0; !existsSync(staging) && waited < 30_000; waited += 20) await new Promise((r) => setTimeout(r, 20));
    expect(existsSync(staging)).toBe(true);
    child.kill('SIGINT');
    expect(await ended).toEqual({ code: null, signal: 'SIGINT' });
    expect(readdirSync(cwd)).toEqual([]);
    rmSync(cwd, { recursive: true, force: true });
  }, 60_000);

  test('Ctrl-C while the Terraform thread writes its stacks removes everything it wrote', async () => {
    mkdirSync(join(REPO, '.build'), { recursive: true });
    const cwd = mkdtempSync(join(REPO, '.build', 'synth-interrupt-'));
    const child = spawn(process.execPath, [join(REPO, 'tools/run.mjs'), join(REPO, 'tools/synth.ts')], { cwd, stdio: 'ignore' });
    const stacks = join(stagingFolder(cwd, child.pid), 'cdktf.out', 'stacks');
    const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
      child.on('exit', (code, signal) => done({ code, signal })),
    );
    // cdktf creates the stacks folder as it starts writing them, on the other thread.
    for (let waited = 0; !existsSync(stacks) && waited < 30_000; waited += 5) await new Promise((r) => setTimeout(r, 5));
    expect(existsSync(stacks)).toBe(true);
    child.kill('SIGINT');
    expect(await ended).toEqual({ code: null, signal: 'SIGINT' });
    expect(readdirSync(cwd)).toEqual([]);
    rmSync(cwd, { recursive: true, force: true });
  }, 60_000);
});
