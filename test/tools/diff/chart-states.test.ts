import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderChartStates } from '../../../tools/diff/chart-states.js';

const REPO_ROOT = join(import.meta.dirname, '..', '..', '..');

/** A checked-out base revision: only the files the chart-state step reads. */
function revision(dir: string, withStates: boolean): void {
  mkdirSync(join(dir, 'config'), { recursive: true });
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  writeFileSync(join(dir, 'config', 'index.ts'), 'export function loadPlatformConfig(): object {\n  return { clusters: 1 };\n}\n');
  if (!withStates) return;
  mkdirSync(join(dir, 'charts'), { recursive: true });
  mkdirSync(join(dir, 'tools', 'synth'), { recursive: true });
  writeFileSync(
    join(dir, 'charts', 'app.ts'),
    "export function renderClusters(config: { clusters: number }): string[] {\n  return Array.from({ length: config.clusters }, () => 'dev/us-east-1');\n}\n",
  );
  writeFileSync(
    join(dir, 'tools', 'synth', 'cluster-state.ts'),
    'export async function renderClusterStates(clusters: string[], options: { root: string; cacheDir: string }) {\n' +
      '  return clusters.map((dir) => ({ dir, envName: "dev", region: "us-east-1", kubeVersion: "1.33", applications: [], objects: [], root: options.root, cacheDir: options.cacheDir }));\n}\n',
  );
}

describe('cluster states of both sides', () => {
  const work = mkdtempSync(join(tmpdir(), 'chart-states-test-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it("renders the base with the base's own code, from its checkout, through the working tree's render cache", async () => {
    const dir = join(work, 'with');
    revision(dir, true);
    const states = await renderChartStates(REPO_ROOT, dir, []);
    expect(states.reason).toBeUndefined();
    expect(states.head).toEqual([]);
    expect(states.base).toEqual([
      expect.objectContaining({ dir: 'dev/us-east-1', root: dir, cacheDir: join(REPO_ROOT, '.build', 'helm-renders') }),
    ]);
  });

  it('names a base from before cluster states, and keeps the working tree side', async () => {
    const dir = join(work, 'without');
    revision(dir, false);
    const states = await renderChartStates(REPO_ROOT, dir, []);
    expect(states).toEqual({
      head: [],
      reason: 'the base revision does not render Helm charts (it predates tools/synth/cluster-state.ts)',
    });
  });

  it('names a base whose charts fail to render instead of failing the diff', async () => {
    const dir = join(work, 'broken');
    revision(dir, true);
    writeFileSync(
      join(dir, 'charts', 'app.ts'),
      "export function renderClusters(): string[] {\n  throw new Error('chart archive missing');\n}\n",
    );
    const states = await renderChartStates(REPO_ROOT, dir, []);
    expect(states).toEqual({ head: [], reason: "the base revision's charts did not render (chart archive missing)" });
  });
});
