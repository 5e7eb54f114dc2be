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

  it("takes the base's states its synth child rendered, hands the working tree's over as soon as they are there", async () => {
    const dir = join(work, 'child');
    revision(dir, false);
    const fromChild = [{ dir: 'prod/us-east-1', envName: 'prod', region: 'us-east-1', kubeVersion: '1.33', applications: [], objects: [] }];
    const order: string[] = [];
    let releaseChild: (value: typeof fromChild) => void = () => undefined;
    const child = new Promise<typeof fromChild>((done) => (releaseChild = done));
    const rendering = renderChartStates(
      REPO_ROOT,
      dir,
      [],
      Promise.resolve(),
      (head) => order.push(`head ${head.length}`),
      child.then((s) => {
        order.push('child');
        return s;
      }),
    );
    await new Promise((done) => setTimeout(done, 50));
    releaseChild(fromChild);
    const states = await rendering;
    // The base's own code is never loaded here (this checkout has none): the child's states are used.
    expect(states).toEqual({ head: [], base: fromChild });
    expect(order).toEqual(['head 0', 'child']);
  });

  it('renders the base here when its child rendered none (a base from before the child rendered states)', async () => {
    const dir = join(work, 'none-from-child');
    revision(dir, true);
    const states = await renderChartStates(REPO_ROOT, dir, [], Promise.resolve(), undefined, Promise.resolve(undefined));
    expect(states.base).toEqual([expect.objectContaining({ dir: 'dev/us-east-1', root: dir })]);
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
