import { describe, expect, test } from 'vitest';
import { clusterComponents } from '../../charts/components.js';
import { manifestFile, type PlatformComponent } from '../../charts/platform-components.js';
import { objectsOf, renderedClusters } from '../support/manifests.js';
import { stateAt } from '../support/cluster-state.js';

/**
 * The order of CRDs and custom resources over the whole cluster state (our
 * files and the rendered charts) is the cluster-state rule
 * `crds-installed-before-custom-resources`; this file checks what feeds it:
 * every rendered file is synced, and each component's `providesCrds`
 * declaration matches what its Application really installs.
 */

/** The file the root Application syncs: applied by hand at bootstrap, after Argo CD's chart. */
const ROOT_FILE = 'argocd.k8s.yaml';
const clusters = renderedClusters();
const filesOf = (c: PlatformComponent) => (c.charts ?? []).map((chart) => manifestFile(chart.id));

describe.each(clusters.map((c) => [c.dir, c] as const))('cluster %s', (dir, cluster) => {
  const components = clusterComponents(cluster.view);

  test('every rendered file with objects is synced by exactly one Application (or is the root)', () => {
    const owners = new Map<string, string[]>();
    for (const c of components) for (const file of filesOf(c)) owners.set(file, [...(owners.get(file) ?? []), c.name]);
    const withObjects = new Set(objectsOf(cluster).map((o) => o.file));
    const problems = [...cluster.files.keys()]
      .filter((file) => file.endsWith('.k8s.yaml') && file !== ROOT_FILE && withObjects.has(file))
      .flatMap((file) => {
        const names = owners.get(file) ?? [];
        return names.length === 1
          ? []
          : [
              `${file} is synced by ${names.length === 0 ? 'no component' : names.join(' and ')}: register its chart in one PlatformComponent's charts`,
            ];
      });
    expect(problems).toEqual([]);
  });

  test('every component file exists in the cluster folder', () => {
    const missing = components.flatMap((c) =>
      filesOf(c)
        .filter((f) => !cluster.files.has(f))
        .map((f) => `${c.name}: ${f}`),
    );
    expect(missing).toEqual([]);
  });

  test("every kind a component declares in providesCrds is installed by that component's Application", async () => {
    const state = await stateAt(dir);
    const installed = new Map<string, Set<string>>();
    for (const o of state.objects) {
      const spec = o.body.spec as { group?: string; names?: { kind?: string }; crd?: { spec?: { names?: { kind?: string } } } } | undefined;
      const kind =
        o.kind === 'CustomResourceDefinition'
          ? `${spec?.group}/${spec?.names?.kind}`
          : o.kind === 'ConstraintTemplate'
            ? `constraints.gatekeeper.sh/${spec?.crd?.spec?.names?.kind}`
            : undefined;
      if (kind) installed.set(o.application, new Set([...(installed.get(o.application) ?? []), kind]));
    }
    const problems = components.flatMap((c) =>
      (c.providesCrds ?? [])
        .filter((kind) => !installed.get(c.name)?.has(kind))
        .map((kind) => `${c.name} declares ${kind} but does not install it`),
    );
    expect(problems).toEqual([]);
  });
});
