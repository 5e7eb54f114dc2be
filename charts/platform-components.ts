/**
 * The shape of the one component registry (charts/components.ts): each cluster
 * component declares its Argo CD Application (a pinned Helm chart and/or the
 * files of its own charts), the charts it renders into the cluster folder and
 * whether a cluster installs it. charts/app.ts renders the charts and the
 * app-of-apps renders the Applications, both from that registry.
 */
import type { Chart } from 'cdk8s';
import type { Construct } from 'constructs';
import type { ClusterView } from '../config/derive/cluster-view.js';

export interface HelmSource {
  readonly repoURL: string;
  readonly chart: string;
  /** An exact chart version: never a range, so a sync is reproducible. */
  readonly version: string;
  /** Helm values, typed by the component that owns them. */
  readonly values: Record<string, unknown>;
  /**
   * Values that depend on the cluster (images from its ECR registry, region,
   * bucket names), deep-merged over `values`.
   * @default no cluster-specific values
   */
  readonly clusterValues?: (view: ClusterView) => Record<string, unknown>;
}

/** One Argo CD `ignoreDifferences` entry: the fields of some objects of one kind that Argo CD does not diff. */
export interface IgnoredDifference {
  /** API group, `''` for the core group. */
  readonly group: string;
  readonly kind: string;
  /** @default every object of the kind in the Application */
  readonly name?: string;
  /** JSON pointers (`/data`). @default [] */
  readonly jsonPointers?: readonly string[];
  /** jq paths (`.webhooks[]?.clientConfig.caBundle`). @default [] */
  readonly jqPathExpressions?: readonly string[];
}

/** The file a chart renders to in the cluster folder (`dist/<env>/<region>/<id>.k8s.yaml`). */
export function manifestFile(chartId: string): string {
  return `${chartId}.k8s.yaml`;
}

/**
 * One cdk8s chart of a component: rendered from the cluster's view into
 * `<id>.k8s.yaml` (manifestFile), which the component's Application syncs.
 * `render` maps the view to the chart's own typed props.
 */
export interface ComponentChart {
  /** Chart id and file name: `<id>.k8s.yaml`; unique in the registry. */
  readonly id: string;
  readonly render: (scope: Construct, id: string, view: ClusterView) => Chart;
}

export interface PlatformComponent {
  readonly name: string;
  readonly namespace: string;
  /** Argo CD sync wave: CRDs and operators (lower) before their custom resources (higher). */
  readonly syncWave: number;
  /** Installed from an upstream Helm chart... */
  readonly helm?: HelmSource;
  /** ...and/or from the files its charts render into the cluster folder (`<chart-id>.k8s.yaml`). @default none */
  readonly charts?: readonly ComponentChart[];
  /** Whether Argo CD may delete resources removed from git. @default true */
  readonly prune?: boolean;
  /**
   * Custom resource kinds whose CRDs this component installs, as `group/Kind`
   * (e.g. `argoproj.io/Rollout`), or `group/*` for CRDs generated at run time
   * (Gatekeeper constraints). test/charts/crd-order.test.ts proves the
   * component installs them; the cluster-state rule
   * `crds-installed-before-custom-resources` orders them before their resources.
   * @default []
   */
  readonly providesCrds?: readonly string[];
  /**
   * Server-side apply: needed for CRD-heavy charts whose CRDs exceed the
   * client-side last-applied annotation limit. @default false
   */
  readonly serverSideApply?: boolean;
  /**
   * Cluster-scoped kinds this component creates beyond the baseline every
   * component may create (Namespace, CRDs, RBAC, admission webhooks), as
   * `group/Kind` or `group/*`; the platform AppProject whitelists them.
   * @default []
   */
  readonly clusterScopedKinds?: readonly string[];
  /**
   * Fields something other than Argo CD rewrites after the sync (a webhook's
   * caBundle injected by its cert controller, a failurePolicy its operator
   * flips, a key pair the chart generates at every render): Argo CD leaves
   * them out of the diff, so the Application stays Synced and self-heal does
   * not fight the controller. Entries: charts/argocd/ignore-differences.ts.
   * The cluster-state rule `runtime-rewrites-ignored` says which are needed.
   * @default []
   */
  readonly ignoreDifferences?: readonly IgnoredDifference[];
  /**
   * Syncs keep the live value of ignored fields (`RespectIgnoreDifferences=true`):
   * needed where git sets a field a controller rewrites (otherwise each sync
   * reverts it); wrong where a hook re-creates a key pair at every sync.
   * @default false
   */
  readonly respectIgnoreDifferences?: boolean;
  /** Whether this cluster installs the component, and renders its charts (e.g. staging only). @default every cluster */
  readonly enabled?: (view: ClusterView) => boolean;
}
