import type { ClusterContext } from '../cluster-context.js';
import type { PlatformComponent } from '../platform-components.js';
import { helmValuesFor } from './helm-values.js';

/** The in-cluster API server: every cluster runs its own Argo CD (no hub). */
export const IN_CLUSTER = 'https://kubernetes.default.svc';
/** Deleting an Application deletes what it deployed, unless the component forbids pruning. */
const CASCADE_FINALIZER = 'resources-finalizer.argocd.argoproj.io';

export interface ApplicationSource {
  readonly repoURL: string;
  readonly targetRevision: string;
  readonly chart?: string;
  readonly path?: string;
  readonly helm?: { readonly releaseName: string; readonly valuesObject: Record<string, unknown> };
  readonly directory?: { readonly include: string };
}

/** Where the deploy workflow publishes this cluster's rendered files (config.organization.gitops). */
export function gitopsSource(ctx: ClusterContext, files: readonly string[]): ApplicationSource {
  const { repoURL, branch } = ctx.config.organization.gitops;
  // Several files are selected with a glob alternation: {a.k8s.yaml,b.k8s.yaml}.
  const include = files.length > 1 ? `{${[...files].sort().join(',')}}` : files.join('');
  return {
    repoURL,
    targetRevision: branch,
    path: `${ctx.target.envName}/${ctx.target.region}`,
    directory: { include },
  };
}

/** A component's sources: its pinned Helm chart and/or its rendered files. */
export function componentSources(component: PlatformComponent, ctx: ClusterContext): ApplicationSource[] {
  const sources: ApplicationSource[] = [];
  if (component.helm) {
    sources.push({
      repoURL: component.helm.repoURL,
      chart: component.helm.chart,
      targetRevision: component.helm.version,
      helm: { releaseName: component.name, valuesObject: helmValuesFor(component.helm, ctx) },
    });
  }
  if (component.manifests && component.manifests.length > 0) sources.push(gitopsSource(ctx, component.manifests));
  if (sources.length === 0) {
    throw new Error(`platform component '${component.name}' has neither helm nor manifests; give it a chart or rendered files`);
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
export function syncPolicy(ctx: ClusterContext, options: SyncPolicyOptions): Record<string, unknown> {
  const { retry } = ctx.config.gitops;
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
export function componentApplication(component: PlatformComponent, ctx: ClusterContext, project: string, argoNamespace: string) {
  const prune = component.prune ?? true;
  const sources = componentSources(component, ctx);
  const [only] = sources;
  const ignoreDifferences = component.ignoreDifferences ?? [];
  const respectIgnoreDifferences = component.respectIgnoreDifferences ?? false;
  if (respectIgnoreDifferences && ignoreDifferences.length === 0) {
    throw new Error(`platform component '${component.name}' sets respectIgnoreDifferences without ignoreDifferences; list the fields to keep, or drop the flag`);
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
      syncPolicy: syncPolicy(ctx, { prune, serverSideApply: component.serverSideApply ?? false, respectIgnoreDifferences }),
    },
  };
}
