import { describe, expect, test } from 'vitest';
import { clusterComponents } from '../../charts/argocd/app-of-apps.js';
import type { PlatformComponent } from '../../charts/platform-components.js';
import { builtInModel } from '../support/manifest-validation.js';
import { groupKind, objectsOf, renderedClusters } from '../support/manifests.js';

/** The file the root Application syncs: applied by hand at bootstrap, after Argo CD's chart. */
const ROOT_FILE = 'argocd.k8s.yaml';
const clusters = renderedClusters();

function provides(component: PlatformComponent, kind: string): boolean {
  const group = kind.slice(0, kind.lastIndexOf('/'));
  return (component.providesCrds ?? []).some((entry) => entry === kind || entry === `${group}/*`);
}

/** `group/Kind` of every custom resource (a kind kubernetes-models does not know) per file. */
async function customResourcesByFile(objects: ReturnType<typeof objectsOf>): Promise<Map<string, Set<string>>> {
  const byFile = new Map<string, Set<string>>();
  for (const { file, object } of objects) {
    if (await builtInModel(object.apiVersion, object.kind)) continue;
    const kinds = byFile.get(file) ?? new Set<string>();
    kinds.add(groupKind(object));
    byFile.set(file, kinds);
  }
  return byFile;
}

describe.each(clusters.map((c) => [c.dir, c] as const))('cluster %s', (_dir, cluster) => {
  const components = clusterComponents(cluster.ctx);

  test('every rendered file with objects is synced by exactly one Application (or is the root)', () => {
    const owners = new Map<string, string[]>();
    for (const c of components) for (const file of c.manifests ?? []) owners.set(file, [...(owners.get(file) ?? []), c.name]);
    const withObjects = new Set(objectsOf(cluster).map((o) => o.file));
    const problems = [...cluster.files.keys()]
      .filter((file) => file.endsWith('.k8s.yaml') && file !== ROOT_FILE && withObjects.has(file))
      .flatMap((file) => {
        const names = owners.get(file) ?? [];
        return names.length === 1 ? [] : [`${file} is synced by ${names.length === 0 ? 'no component' : names.join(' and ')}: register it in one PlatformComponent's manifests`];
      });
    expect(problems).toEqual([]);
  });

  test('every component file exists in the cluster folder', () => {
    const missing = components.flatMap((c) => (c.manifests ?? []).filter((f) => !cluster.files.has(f)).map((f) => `${c.name}: ${f}`));
    expect(missing).toEqual([]);
  });

  test('every custom resource has its CRD from a component at an earlier sync wave', async () => {
    const byFile = await customResourcesByFile(objectsOf(cluster));
    const problems: string[] = [];
    for (const [file, kinds] of byFile) {
      for (const kind of kinds) {
        const providers = components.filter((c) => provides(c, kind));
        if (file === ROOT_FILE) {
          // The root file is applied after the bootstrap install of Argo CD's own chart.
          if (providers.length === 0) problems.push(`${file}: no component provides the CRD of ${kind}`);
          continue;
        }
        for (const owner of components.filter((c) => c.manifests?.includes(file))) {
          if (!providers.some((p) => p.syncWave < owner.syncWave)) {
            const found = providers.map((p) => `${p.name} (wave ${p.syncWave})`).join(', ') || 'none';
            problems.push(`${file} (${owner.name}, wave ${owner.syncWave}) renders ${kind}; CRD providers: ${found}`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
  });
});

describe('the CRD order check', () => {
  const cluster = clusters[0];
  test('finds custom resources and ignores built-in kinds', async () => {
    if (!cluster) throw new Error('no cluster rendered');
    const byFile = await customResourcesByFile(objectsOf(cluster));
    expect(byFile.get('velero-schedules.k8s.yaml')).toEqual(new Set(['velero.io/Schedule']));
    expect(byFile.has('team-namespaces.k8s.yaml')).toBe(false);
  });

  test('a provider at the same wave does not count', () => {
    const velero = clusterComponents(cluster?.ctx ?? (undefined as never)).find((c) => c.name === 'velero');
    const schedules = clusterComponents(cluster?.ctx ?? (undefined as never)).find((c) => c.name === 'velero-schedules');
    expect(velero && provides(velero, 'velero.io/Schedule')).toBe(true);
    expect(velero && schedules && velero.syncWave < schedules.syncWave).toBe(true);
    expect(provides({ name: 'g', namespace: 'g', syncWave: 0, providesCrds: ['constraints.gatekeeper.sh/*'] }, 'constraints.gatekeeper.sh/TsNoLatestTag')).toBe(true);
    expect(provides({ name: 'g', namespace: 'g', syncWave: 0, providesCrds: ['velero.io/Backup'] }, 'velero.io/Schedule')).toBe(false);
  });
});
