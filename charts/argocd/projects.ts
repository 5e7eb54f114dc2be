import type { SyncWindow } from '../../config/schema/gitops.js';
import { IN_CLUSTER } from './application.js';
import type { InstalledComponent } from './installed-component.js';

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

/** What both AppProjects of a cluster are built from. */
export interface ProjectsProps {
  readonly clusterName: string;
  /** The GitOps repository (config.organization.gitops.repoURL). */
  readonly repoURL: string;
  /** This environment's sync windows (config.gitops.syncWindows). */
  readonly syncWindows: readonly SyncWindow[];
}

/** The environment's sync windows as AppProject windows over every Application. */
export function syncWindows(windows: readonly SyncWindow[]) {
  return windows.map((w) => ({
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
export function platformProjectSpec(
  props: ProjectsProps,
  components: readonly InstalledComponent[],
  workloadNamespaces: readonly string[],
) {
  const repos = new Set([props.repoURL]);
  for (const c of components) if (c.helm) repos.add(c.helm.repoURL);
  const namespaces = new Set([...components.map((c) => c.namespace), ...workloadNamespaces]);
  const kinds = new Set<string>([...BASELINE_CLUSTER_KINDS, ...components.flatMap((c) => c.clusterScopedKinds)]);
  return {
    description: `Platform components of ${props.clusterName}, installed by the root application`,
    sourceRepos: [...repos].sort(),
    destinations: [...namespaces].sort().map((namespace) => ({ server: IN_CLUSTER, namespace })),
    clusterResourceWhitelist: [...kinds].sort().map(groupKind),
    syncWindows: syncWindows(props.syncWindows),
  };
}

/** The root application's project: it may only create Argo CD objects in Argo CD's namespace. */
export function bootstrapProjectSpec(props: ProjectsProps, argoNamespace: string) {
  return {
    description: `App-of-apps root of ${props.clusterName}`,
    sourceRepos: [props.repoURL],
    destinations: [{ server: IN_CLUSTER, namespace: argoNamespace }],
    clusterResourceWhitelist: [],
    namespaceResourceWhitelist: [
      { group: 'argoproj.io', kind: 'Application' },
      { group: 'argoproj.io', kind: 'AppProject' },
      { group: '', kind: 'Secret' },
    ],
    syncWindows: syncWindows(props.syncWindows),
  };
}
