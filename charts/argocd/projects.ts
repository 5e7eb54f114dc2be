import type { ClusterContext } from '../cluster-context.js';
import type { PlatformComponent } from '../platform-components.js';
import { IN_CLUSTER } from './application.js';

/** Cluster-scoped kinds any component may create: namespaces, CRDs, RBAC, admission webhooks. */
export const BASELINE_CLUSTER_KINDS = [
  '/Namespace',
  'apiextensions.k8s.io/CustomResourceDefinition',
  'rbac.authorization.k8s.io/ClusterRole',
  'rbac.authorization.k8s.io/ClusterRoleBinding',
  'admissionregistration.k8s.io/MutatingWebhookConfiguration',
  'admissionregistration.k8s.io/ValidatingWebhookConfiguration',
  'scheduling.k8s.io/PriorityClass',
] as const;

interface GroupKind {
  readonly group: string;
  readonly kind: string;
}

function groupKind(entry: string): GroupKind {
  const slash = entry.lastIndexOf('/');
  return { group: entry.slice(0, slash), kind: entry.slice(slash + 1) };
}

/** Sync windows of this cluster's environment (config.gitops.syncWindows). */
export function syncWindows(ctx: ClusterContext) {
  return (ctx.config.gitops.syncWindows[ctx.target.envName] ?? []).map((w) => ({
    kind: w.kind,
    schedule: w.schedule,
    duration: w.duration,
    timeZone: w.timeZone,
    manualSync: w.manualSync,
    applications: ['*'],
    description: w.description,
  }));
}

/**
 * The project of every platform component: only the GitOps repository and the
 * components' pinned chart repositories, only the in-cluster API server and the
 * namespaces components deploy to, only whitelisted cluster-scoped kinds.
 */
export function platformProjectSpec(ctx: ClusterContext, components: readonly PlatformComponent[], workloadNamespaces: readonly string[]) {
  const repos = new Set([ctx.config.organization.gitops.repoURL]);
  for (const c of components) if (c.helm) repos.add(c.helm.repoURL);
  const namespaces = new Set([...components.map((c) => c.namespace), ...workloadNamespaces]);
  const kinds = new Set<string>([...BASELINE_CLUSTER_KINDS, ...components.flatMap((c) => c.clusterScopedKinds ?? [])]);
  return {
    description: `Platform components of ${ctx.facts.clusterName}, installed by the root application`,
    sourceRepos: [...repos].sort(),
    destinations: [...namespaces].sort().map((namespace) => ({ server: IN_CLUSTER, namespace })),
    clusterResourceWhitelist: [...kinds].sort().map(groupKind),
    syncWindows: syncWindows(ctx),
  };
}

/** The root application's project: it may only create Argo CD objects in Argo CD's namespace. */
export function bootstrapProjectSpec(ctx: ClusterContext, argoNamespace: string) {
  return {
    description: `App-of-apps root of ${ctx.facts.clusterName}`,
    sourceRepos: [ctx.config.organization.gitops.repoURL],
    destinations: [{ server: IN_CLUSTER, namespace: argoNamespace }],
    clusterResourceWhitelist: [],
    namespaceResourceWhitelist: [
      { group: 'argoproj.io', kind: 'Application' },
      { group: 'argoproj.io', kind: 'AppProject' },
      { group: '', kind: 'Secret' },
    ],
    syncWindows: syncWindows(ctx),
  };
}
