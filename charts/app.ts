import { App, Chart, Yaml } from 'cdk8s';
import { clusterFacts, clusterTargets, type PlatformConfig } from '../config/index.js';
import type { ClusterContext } from './cluster-context.js';
import { TeamNamespacesChart } from './team-namespaces.js';

/** One chart per file: `<id>.k8s.yaml` in the cluster's folder. */
export type ChartFactory = (app: App, ctx: ClusterContext) => Chart;

/** The charts every cluster renders; capabilities add theirs here. */
export const CLUSTER_CHARTS: Record<string, ChartFactory> = {
  'team-namespaces': (app, ctx) => new TeamNamespacesChart(app, 'team-namespaces', ctx),
};

export interface RenderedCluster {
  /** `<env>/<region>` below the output root. */
  readonly dir: string;
  readonly ctx: ClusterContext;
  /** File name to YAML text, in a stable order, including kustomization.yaml. */
  readonly files: Map<string, string>;
}

/** The Kubernetes half: every cluster's manifests, rendered in memory. */
export function renderClusters(config: PlatformConfig): RenderedCluster[] {
  return clusterTargets(config).map((target) => {
    const ctx: ClusterContext = { config, target, facts: clusterFacts(config, target) };
    const app = new App();
    const files = new Map<string, string>();
    for (const [id, factory] of Object.entries(CLUSTER_CHARTS).sort(([a], [b]) => a.localeCompare(b))) {
      const chart = factory(app, ctx);
      files.set(`${id}.k8s.yaml`, Yaml.stringify(...chart.toJson()));
    }
    // Keeps `kubectl kustomize dist/<env>/<region>` working, as the team builds today.
    files.set('kustomization.yaml', Yaml.stringify({
      apiVersion: 'kustomize.config.k8s.io/v1beta1',
      kind: 'Kustomization',
      resources: [...files.keys()],
    }));
    return { dir: `${target.envName}/${target.region}`, ctx, files };
  });
}
