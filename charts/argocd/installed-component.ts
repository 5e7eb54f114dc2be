import type { ClusterView } from '../../config/derive/cluster-view.js';
import { manifestFile, type IgnoredDifference, type PlatformComponent } from '../platform-components.js';
import { helmValuesFor } from './helm-values.js';

/** A pinned Helm chart with the values of one cluster. */
export interface InstalledHelmChart {
  readonly repoURL: string;
  readonly chart: string;
  readonly version: string;
  readonly values: Record<string, unknown>;
}

/**
 * A registered component as one cluster's Argo CD installs it: Helm values
 * resolved for the cluster, its charts' files named, every default applied.
 * The app-of-apps renders one child Application of each.
 */
export interface InstalledComponent {
  readonly name: string;
  readonly namespace: string;
  readonly syncWave: number;
  /** @default none: only rendered files */
  readonly helm?: InstalledHelmChart;
  /** Files of the cluster folder the Application syncs: one per chart of the component. */
  readonly manifests: readonly string[];
  readonly prune: boolean;
  readonly serverSideApply: boolean;
  readonly clusterScopedKinds: readonly string[];
  readonly ignoreDifferences: readonly IgnoredDifference[];
  readonly respectIgnoreDifferences: boolean;
}

/** The component as `view`'s cluster installs it (PlatformComponent documents each default). */
export function installedComponent(component: PlatformComponent, view: ClusterView): InstalledComponent {
  const { helm } = component;
  return {
    name: component.name,
    namespace: component.namespace,
    syncWave: component.syncWave,
    ...(helm ? { helm: { repoURL: helm.repoURL, chart: helm.chart, version: helm.version, values: helmValuesFor(helm, view) } } : {}),
    manifests: (component.charts ?? []).map((c) => manifestFile(c.id)),
    prune: component.prune ?? true,
    serverSideApply: component.serverSideApply ?? false,
    clusterScopedKinds: component.clusterScopedKinds ?? [],
    ignoreDifferences: component.ignoreDifferences ?? [],
    respectIgnoreDifferences: component.respectIgnoreDifferences ?? false,
  };
}
