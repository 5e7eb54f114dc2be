import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lockedArchive, readChartLock, REPO_ROOT } from '../../../tools/helm/chart-lock.js';
import { findHelm, HelmUnavailable } from '../../../tools/helm/helm-binary.js';
import { parseRendered, renderCharts, renderKey, type ChartRenderJob } from '../../../tools/helm/render-chart.js';
import { includedFiles } from '../../../tools/synth/cluster-state.js';

const helm = findHelm({ buildDir: join(REPO_ROOT, '.build', 'helm') });
const lock = readChartLock(REPO_ROOT);
const gateway = lock.charts.find((c) => c.chart === 'gateway');
if (!gateway) throw new Error('gateway is not vendored');
const archive = lockedArchive(REPO_ROOT, lock, gateway, 'test');

const job = (values: Record<string, unknown>): ChartRenderJob => ({
  application: 'istio-ingress',
  archivePath: archive.path,
  archiveSha256: archive.entry.sha256,
  release: 'istio-ingress',
  namespace: 'istio-ingress',
  values,
  kubeVersion: '1.33',
  apiVersions: [],
});

describe('helm from the npm dependency', () => {
  it('is helm v3 or v4, extracted once into the build folder', () => {
    expect(helm.version).toMatch(/^v[34]\./);
    expect(findHelm({ buildDir: join(REPO_ROOT, '.build', 'helm') }).path).toBe(helm.path);
  });

  it('names the fix when HELM_BIN does not run', () => {
    expect(() => findHelm({ buildDir: '/nonexistent', env: { HELM_BIN: '/nonexistent/helm' } })).toThrow(HelmUnavailable);
    expect(() => findHelm({ buildDir: '/nonexistent', env: { HELM_BIN: '/nonexistent/helm' } })).toThrow(
      /HELM_BIN=\/nonexistent\/helm does not run/,
    );
  });
});

describe('rendering a chart as Argo CD does', () => {
  it('renders with the Application values, release and namespace, and caches by inputs', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'render-'));
    const [docs] = await renderCharts([job({ service: { type: 'ClusterIP' } })], { helm, cacheDir });
    const service = docs?.find((d) => d.object.kind === 'Service')?.object as { metadata: { namespace: string }; spec: { type: string } };
    expect(service.metadata.namespace).toBe('istio-ingress');
    expect(service.spec.type).toBe('ClusterIP');
    expect(readdirSync(cacheDir).filter((f) => f.endsWith('.json') && !f.endsWith('.values.json'))).toHaveLength(1);
    // A second render of the same inputs is a cache hit (no new file), a changed value is not.
    await renderCharts([job({ service: { type: 'ClusterIP' } })], { helm, cacheDir });
    await renderCharts([job({ service: { type: 'NodePort' } })], { helm, cacheDir });
    expect(readdirSync(cacheDir).filter((f) => f.endsWith('.json') && !f.endsWith('.values.json'))).toHaveLength(2);
  });

  it('keys the cache on values regardless of key order, and on the chart digest', () => {
    expect(renderKey(helm, job({ a: 1, b: { c: 2, d: 3 } }))).toBe(renderKey(helm, job({ b: { d: 3, c: 2 }, a: 1 })));
    expect(renderKey(helm, { ...job({}), archiveSha256: 'x' })).not.toBe(renderKey(helm, job({})));
  });

  it('reports a chart that fails to render with the Application and helm message', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'render-'));
    await expect(renderCharts([{ ...job({}), kubeVersion: 'not-a-version' }], { helm, cacheDir })).rejects.toThrow(
      /istio-ingress: helm template failed/,
    );
  });

  it('drops CRD schemas but keeps the full size for the client-side apply limit', () => {
    const crd =
      'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: xs.example.com\nspec:\n  group: example.com\n  scope: Namespaced\n  names: {kind: X}\n  versions:\n  - name: v1\n    served: true\n    storage: true\n    schema: {openAPIV3Schema: {type: object, description: long}}\n';
    const [doc] = parseRendered(crd);
    expect(doc?.object.spec).toEqual({
      group: 'example.com',
      names: { kind: 'X' },
      scope: 'Namespaced',
      versions: [{ name: 'v1', served: true, storage: true }],
    });
    expect(doc?.bytes).toBeGreaterThan(JSON.stringify(doc?.object).length);
  });
});

describe('directory sources', () => {
  it('select one file or a glob alternation of files', () => {
    expect(includedFiles('argocd.k8s.yaml')).toEqual(['argocd.k8s.yaml']);
    expect(includedFiles('{a.k8s.yaml,b.k8s.yaml}')).toEqual(['a.k8s.yaml', 'b.k8s.yaml']);
  });
});

describe('helm version', () => {
  it('is asked once per binary and remembered in the build folder (no process start per synth)', () => {
    const buildDir = mkdtempSync(join(tmpdir(), 'helm-version-'));
    const first = findHelm({ buildDir, env: { HELM_BIN: helm.path } });
    const remembered = JSON.parse(readFileSync(join(buildDir, 'versions.json'), 'utf8')) as Record<string, string>;
    expect(Object.values(remembered)).toEqual([first.version]);
    // A remembered answer is used as is: a forged entry proves no new process asked.
    writeFileSync(
      join(buildDir, 'versions.json'),
      JSON.stringify(Object.fromEntries(Object.keys(remembered).map((k) => [k, 'v4.0.0-remembered']))),
    );
    expect(findHelm({ buildDir, env: { HELM_BIN: helm.path } }).version).toBe('v4.0.0-remembered');
  });
});
