import type { GitopsConfig } from '../../config/schema/gitops.js';
import type { InstalledComponent } from './installed-component.js';

/** The in-cluster API server: every cluster runs its own Argo CD (no hub). */
export const IN_CLUSTER = 'https://kubernetes.default.svc';
/** Deleting an Application deletes what it deployed, unless the component forbids pruning. */
const CASCADE_FINALIZER = 'resources-finalizer.argocd.argoproj.io';

/**
 * Where a cluster's Applications read their files and how they retry: the
 * folder the deploy workflow publishes (config.organization.gitops) and
 * config.gitops.retry.
 */
export interface ClusterSync {
  readonly repoURL: string;
  readonly branch: string;
  /** The cluster's folder on the branch: `<env>/<region>`. */
  readonly path: string;
  readonly retry: GitopsConfig['retry'];
}

export interface ApplicationSource {
  readonly repoURL: string;
  readonly targetRevision: string;
  readonly chart?: string;
  readonly path?: string;
  readonly helm?: { readonly releaseName: string; readonly valuesObject: Record<string, unknown> };
  readonly directory?: { readonly include: string };
}

/** Files of the cluster's folder on the GitOps branch, where the deploy workflow publishes them. */
export function gitopsSource(sync: ClusterSync, files: readonly string[]): ApplicationSource {
  // Several files are selected with a glob alternation: {a.k8s.yaml,b.k8s.yaml}.
  const include = files.length > 1 ? `{${[...files].sort().join(',')}}` : files.join('');
  return { repoURL: sync.repoURL, targetRevision: sync.branch, path: sync.path, directory: { include } };
}

/** A component's sources: its pinned Helm chart and/or its rendered files. */
export function componentSources(component: InstalledComponent, sync: ClusterSync): ApplicationSource[] {
  const sources: ApplicationSource[] = [];
  if (component.helm) {
    sources.push({
      repoURL: component.helm.repoURL,
      chart: component.helm.chart,
      targetRevision: component.helm.version,
      helm: { releaseName: component.name, valuesObject: component.helm.values },
    });
  }
  if (component.manifests.length > 0) sources.push(gitopsSource(sync, component.manifests));
  if (sources.length === 0) {
    throw new Error(
      `platform component '${component.name}' has neither helm nor charts; give it a Helm chart or charts that render its files`,
    );
  }
  return sources;
}

export interface SyncPolicyOptions {
  readonly prune: boolean;
  readonly serverSideApply: boolean;
  /** @default false */
  readonly respectIgnoreDifferences?: boolean;
}

/** Automated sync with self-heal, retries with backoff from config.gitops.retry. */
export function syncPolicy(retry: GitopsConfig['retry'], options: SyncPolicyOptions): Record<string, unknown> {
  const syncOptions = ['CreateNamespace=true', 'PruneLast=true'];
  if (options.serverSideApply) syncOptions.push('ServerSideApply=true');
  if (options.respectIgnoreDifferences ?? false) syncOptions.push('RespectIgnoreDifferences=true');
  return {
    automated: { prune: options.prune, selfHeal: true },
    syncOptions,
    retry: {
      limit: retry.limit,
      backoff: { duration: retry.backoffDuration, factor: retry.backoffFactor, maxDuration: retry.backoffMaxDuration },
    },
  };
}

/** The child Application manifest of one component. */
export function componentApplication(component: InstalledComponent, sync: ClusterSync, project: string, argoNamespace: string) {
  const { prune, ignoreDifferences, respectIgnoreDifferences } = component;
  const sources = componentSources(component, sync);
  const [only] = sources;
  if (respectIgnoreDifferences && ignoreDifferences.length === 0) {
    throw new Error(
      `platform component '${component.name}' sets respectIgnoreDifferences without ignoreDifferences; list the fields to keep, or drop the flag`,
    );
  }
  return {
    metadata: {
      name: component.name,
      namespace: argoNamespace,
      annotations: { 'argocd.argoproj.io/sync-wave': String(component.syncWave) },
      ...(prune ? { finalizers: [CASCADE_FINALIZER] } : {}),
    },
    spec: {
      project,
      ...(sources.length === 1 && only ? { source: only } : { sources }),
      destination: { server: IN_CLUSTER, namespace: component.namespace },
      ...(ignoreDifferences.length > 0 ? { ignoreDifferences } : {}),
      syncPolicy: syncPolicy(sync.retry, { prune, serverSideApply: component.serverSideApply, respectIgnoreDifferences }),
    },
  };
}
