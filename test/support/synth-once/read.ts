import { cpSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import type { ClusterState } from '../../../policies/cluster-state/types.js';
import { CLUSTERS_FILE, DONE_FILE, FAILED_FILE, STATES_FILE, type SharedCluster } from './files.js';

/** Generous: the synth shares two busy cores with the workers. */
const WAIT_MS = 180_000;
const sleeper = new Int32Array(new SharedArrayBuffer(4));
const ready = new Set<string>();

/**
 * The folder the run's one synth wrote (./global-setup.ts), once it is complete.
 * Synchronous, as the test helpers that read it are: the worker sleeps until the
 * synth is done (the first caller of a run waits, the others find it ready).
 */
export function synthOnceDir(): string {
  const dir = inject('synthOnce');
  if (ready.has(dir)) return dir;
  const deadline = Date.now() + WAIT_MS;
  while (!existsSync(join(dir, DONE_FILE))) {
    if (existsSync(join(dir, FAILED_FILE)))
      throw new Error(`the test run's synth failed (test/support/synth-once):\n${readFileSync(join(dir, FAILED_FILE), 'utf8')}`);
    if (Date.now() > deadline)
      throw new Error(`the test run's synth did not finish within ${WAIT_MS / 1000} s (test/support/synth-once, ${dir})`);
    Atomics.wait(sleeper, 0, 0, 25);
  }
  ready.add(dir);
  return dir;
}

const parsed = new Map<string, unknown>();

/** A JSON file of the shared folder, parsed once per worker and run. */
function sharedJson<T>(file: string): T {
  const path = join(synthOnceDir(), file);
  if (!parsed.has(path)) parsed.set(path, JSON.parse(readFileSync(path, 'utf8')));
  return parsed.get(path) as T;
}

/** `cdktf.out` as `npm run synth` writes it (stacks/<name>/cdk.tf.json, assets, manifest.json). */
export const sharedTerraformDir = (): string => join(synthOnceDir(), 'cdktf.out');

/** `dist` as `npm run synth` writes it (clusters and reports). */
export const sharedManifestsDir = (): string => join(synthOnceDir(), 'dist');

/**
 * A new folder holding a copy of the run's `npm run synth` output (cdktf.out/ and dist/),
 * for tests that synthesize over an existing output: the shared folder stays read-only.
 */
export function synthOutputCopy(prefix: string): string {
  const root = mkdtempSync(join(tmpdir(), prefix));
  for (const dir of ['cdktf.out', 'dist']) cpSync(join(synthOnceDir(), dir), join(root, dir), { recursive: true });
  return root;
}

export const sharedClusters = (): SharedCluster[] => sharedJson<SharedCluster[]>(CLUSTERS_FILE);

export const sharedStates = (): ClusterState[] => sharedJson<ClusterState[]>(STATES_FILE);

/** cdktf's manifest.json: every stack by name (sorted) with the stacks it depends on. */
export const sharedManifest = (): { stacks: Record<string, { dependencies: string[] }> } => sharedJson(join('cdktf.out', 'manifest.json'));
