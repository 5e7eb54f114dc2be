import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PLATFORM_COMPONENTS } from '../../../charts/components.js';
import { lockedArchive, readChartLock, REPO_ROOT, type ChartLock } from '../../../tools/helm/chart-lock.js';
import { pullArgs, withEntry } from '../../../tools/charts/pull.js';

const lock = readChartLock(REPO_ROOT);

/** A repository root holding only the vendored istiod archive and a lock naming it. */
function fixtureRoot(entries: ChartLock['charts']): string {
  const root = mkdtempSync(join(tmpdir(), 'chart-lock-'));
  mkdirSync(join(root, 'vendor', 'charts'), { recursive: true });
  copyFileSync(join(REPO_ROOT, 'vendor', 'charts', 'istiod-1.28.0.tgz'), join(root, 'vendor', 'charts', 'istiod-1.28.0.tgz'));
  writeFileSync(join(root, 'vendor', 'charts', 'charts.lock.json'), JSON.stringify({ lockVersion: 1, charts: entries }));
  return root;
}
const istiod = lock.charts.find((c) => c.chart === 'istiod');
if (!istiod) throw new Error('istiod is not vendored');
const pin = { repoURL: istiod.repoURL, chart: 'istiod', version: '1.28.0' };

describe('vendored chart lock', () => {
  it('vendors every chart a component pins, at that version and from that repository', () => {
    for (const c of PLATFORM_COMPONENTS.filter((x) => x.helm)) {
      const helm = c.helm ?? pin;
      expect(() =>
        lockedArchive(REPO_ROOT, lock, { repoURL: helm.repoURL, chart: helm.chart, version: helm.version }, c.name),
      ).not.toThrow();
    }
  });

  it('fails a version bump without its archive, naming the component and the fix', () => {
    expect(() => lockedArchive(REPO_ROOT, lock, { ...pin, version: '1.29.0' }, "Application 'istiod'")).toThrow(
      /Application 'istiod' pins istiod 1.29.0, but vendor\/charts has istiod 1.28.0: run 'npm run charts:refresh -- istiod 1.29.0'/,
    );
  });

  it('fails a chart pulled from another repository than the vendored one', () => {
    expect(() => lockedArchive(REPO_ROOT, lock, { ...pin, repoURL: 'https://example.com/charts' }, 'istiod')).toThrow(
      /the vendored archive came from/,
    );
  });

  it('fails an archive whose bytes differ from the lock, and a missing archive', () => {
    const root = fixtureRoot([{ ...istiod, sha256: '0'.repeat(64) }]);
    expect(() => lockedArchive(root, readChartLock(root), pin, 'istiod')).toThrow(/has sha256 [0-9a-f]{64}, the lock says 0{64}/);
    const missing = fixtureRoot([{ ...istiod, file: 'istiod-9.9.9.tgz' }]);
    expect(() => lockedArchive(missing, readChartLock(missing), pin, 'istiod')).toThrow(/istiod-9.9.9.tgz is missing/);
  });

  it('records each archive with its upstream source', () => {
    for (const entry of lock.charts) {
      expect(entry.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(entry.source?.commit).toMatch(/^[0-9a-f]{40}$/);
    }
  });
});

describe('charts:refresh', () => {
  it('pulls from a Helm repository, or from an OCI registry named without its scheme', () => {
    expect(pullArgs({ repoURL: 'https://charts.example.com', chart: 'x', version: '1.0.0' }, '/d')).toEqual([
      'pull',
      'x',
      '--repo',
      'https://charts.example.com',
      '--version',
      '1.0.0',
      '--destination',
      '/d',
    ]);
    expect(pullArgs({ repoURL: 'public.ecr.aws/karpenter', chart: 'karpenter', version: '1.14.1' }, '/d')).toEqual([
      'pull',
      'oci://public.ecr.aws/karpenter/karpenter',
      '--version',
      '1.14.1',
      '--destination',
      '/d',
    ]);
  });

  it('replaces the previous version of the chart in the lock', () => {
    const next = withEntry(lock, { ...istiod, version: '1.29.0', file: 'istiod-1.29.0.tgz', sha256: 'a'.repeat(64) });
    expect(next.charts.filter((c) => c.chart === 'istiod').map((c) => c.version)).toEqual(['1.29.0']);
    expect(next.charts).toHaveLength(lock.charts.length);
  });
});
