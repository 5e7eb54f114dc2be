import { App } from 'cdk8s';
import { clusterViews, type ClusterView } from '../config/derive/cluster-view.js';
import { teamNamespace } from '../config/derive/cluster-names.js';
import { labelsOf } from '../config/derive/tags.js';
import type { PlatformConfig } from '../config/schema/platform.js';
import { AppOfAppsChart } from './argocd/app-of-apps.js';
import { installedComponent } from './argocd/installed-component.js';
import { clusterComponents, PLATFORM_COMPONENTS } from './components.js';
import { manifestYaml } from './manifest-yaml.js';
import { manifestFile, type ComponentChart, type PlatformComponent } from './platform-components.js';

/** The app-of-apps' chart id: the root Application syncs this one file, `argocd.k8s.yaml`. */
export const ROOT_CHART_ID = 'argocd';

export interface RenderedCluster {
  /** `<env>/<region>` below the output root. */
  readonly dir: string;
  /** What the cluster was rendered from. */
  readonly view: ClusterView;
  /** File name to YAML text, in a stable order, including kustomization.yaml. */
  readonly files: Map<string, string>;
  /** File name to the objects serialized in it (checks read these instead of re-parsing YAML). */
  readonly objects: Map<string, Record<string, unknown>[]>;
}

/** The cluster's root chart: the app-of-apps over the components it installs. */
export function rootChart(components: readonly PlatformComponent[]): ComponentChart {
  return {
    id: ROOT_CHART_ID,
    render: (scope, id, view) =>
      new AppOfAppsChart(scope, id, {
        components: components.map((c) => installedComponent(c, view)),
        sync: {
          repoURL: view.gitops.repoURL,
          branch: view.gitops.branch,
          path: `${view.envName}/${view.region}`,
          retry: view.gitops.retry,
        },
        syncWindows: view.gitops.syncWindows,
        workloadNamespaces: [...new Set(view.services.map((s) => s.team))].sort().map(teamNamespace),
        facts: view.facts,
        role: view.role,
        peers: view.peers.map((p) => p.region),
        labels: labelsOf(view.labels, { Team: 'platform', Service: 'argocd' }),
      }),
  };
}

/**
 * One cluster's folder, from the one component registry: the app-of-apps and
 * the charts of every component the cluster installs, each chart to
 * `<id>.k8s.yaml` (serialized by `yaml`), and a kustomization listing them.
 */
export function renderCluster(
  view: ClusterView,
  registry: readonly PlatformComponent[] = PLATFORM_COMPONENTS,
  yaml: (docs: readonly unknown[]) => string = manifestYaml,
): RenderedCluster {
  const components = clusterComponents(view, registry);
  const charts = [rootChart(components), ...components.flatMap((c) => c.charts ?? [])].sort((a, b) => a.id.localeCompare(b.id));
  const app = new App();
  const files = new Map<string, string>();
  const objects = new Map<string, Record<string, unknown>[]>();
  for (const [i, chart] of charts.entries()) {
    const file = manifestFile(chart.id);
    if (charts[i - 1]?.id === chart.id) throw new Error(`two charts render ${file}; chart ids must be unique in the component registry`);
    const docs = chart.render(app, chart.id, view).toJson() as Record<string, unknown>[];
    // A chart with nothing for this cluster (no chaos target, say) writes no file.
    if (docs.length === 0) continue;
    objects.set(file, docs);
    files.set(file, yaml(docs));
  }
  // Keeps `kubectl kustomize dist/<env>/<region>` working, as the team builds today.
  const kustomization = { apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization', resources: [...files.keys()] };
  files.set('kustomization.yaml', yaml([kustomization]));
  return { dir: `${view.envName}/${view.region}`, view, files, objects };
}

/**
 * The Kubernetes half: every cluster's manifests, rendered in memory. The only chart
 * file that reads the config. `yaml` serializes each file (the synth passes
 * manifestYaml through its cache, tools/synth/yaml-cache.ts).
 */
export function renderClusters(config: PlatformConfig, yaml: (docs: readonly unknown[]) => string = manifestYaml): RenderedCluster[] {
  return clusterViews(config).map((view) => renderCluster(view, PLATFORM_COMPONENTS, yaml));
}
