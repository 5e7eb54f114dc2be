/**
 * The platform components Argo CD installs in every cluster. Each becomes a
 * child Application of the cluster's root app-of-apps, ordered by sync wave.
 * Capabilities append their component here; the Argo CD chart renders them.
 */
import type { ClusterContext } from './cluster-context.js';

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
  readonly clusterValues?: (ctx: ClusterContext) => Record<string, unknown>;
}

export interface PlatformComponent {
  readonly name: string;
  readonly namespace: string;
  /** Argo CD sync wave: CRDs and operators (lower) before their custom resources (higher). */
  readonly syncWave: number;
  /** Installed from an upstream Helm chart... */
  readonly helm?: HelmSource;
  /** ...and/or from rendered files of this repo (`<chart-id>.k8s.yaml` in the cluster folder). */
  readonly manifests?: readonly string[];
  /** Whether Argo CD may delete resources removed from git. @default true */
  readonly prune?: boolean;
  /**
   * Custom resource kinds whose CRDs this component installs, as `group/Kind`
   * (e.g. `argoproj.io/Rollout`), or `group/*` for CRDs generated at run time
   * (Gatekeeper constraints). A test proves every custom resource rendered
   * in a cluster has its CRD installed by a component at an earlier wave.
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
  /** Whether this cluster installs the component (e.g. staging only). @default every cluster */
  readonly enabled?: (ctx: ClusterContext) => boolean;
}
