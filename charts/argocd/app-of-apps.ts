import { ApiObject, Chart } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import type { Construct } from 'constructs';
import type { ClusterFacts } from '../../config/derive/facts.js';
import type { RegionRole } from '../../config/derive/regions.js';
import type { AwsRegion } from '../../config/reference/aws-regions.js';
import type { SyncWindow } from '../../config/schema/gitops.js';
import { ARGOCD_NAMESPACE } from '../argocd-namespace.js';
import { manifestFile } from '../platform-components.js';
import { SYNC_WAVES } from '../sync-waves.js';
import { componentApplication, IN_CLUSTER, syncPolicy, gitopsSource, type ClusterSync } from './application.js';
import { clusterSecret } from './cluster-secret.js';
import type { InstalledComponent } from './installed-component.js';
import { bootstrapProjectSpec, platformProjectSpec } from './projects.js';

export const ROOT_APPLICATION = 'root';
export const PLATFORM_PROJECT = 'platform';
export const BOOTSTRAP_PROJECT = 'bootstrap';

const APPLICATION = { apiVersion: 'argoproj.io/v1alpha1', kind: 'Application' };
const APP_PROJECT = { apiVersion: 'argoproj.io/v1alpha1', kind: 'AppProject' };

export interface AppOfAppsProps {
  /** The components this cluster installs, resolved for it (installedComponent). */
  readonly components: readonly InstalledComponent[];
  /** Where the cluster's files are published and how its Applications retry. */
  readonly sync: ClusterSync;
  /** This environment's sync windows, on both AppProjects. */
  readonly syncWindows: readonly SyncWindow[];
  /** Namespaces of the team workloads the platform project may deploy to. */
  readonly workloadNamespaces: readonly string[];
  /** The cluster's facts, carried by the cluster Secret. */
  readonly facts: ClusterFacts;
  readonly role: RegionRole;
  /** The environment's other regions, primary first. */
  readonly peers: readonly AwsRegion[];
  /** The taxonomy labels of Argo CD's objects. */
  readonly labels: Record<string, string>;
}

/**
 * One cluster's Argo CD app-of-apps: the root Application (applied once at
 * bootstrap, then it manages itself from git), the AppProjects, the cluster
 * Secret with the cluster's facts, and a child Application per component,
 * ordered by sync wave. The root syncs this chart's own file, `<id>.k8s.yaml`.
 */
export class AppOfAppsChart extends Chart {
  constructor(scope: Construct, id: string, props: AppOfAppsProps) {
    super(scope, id, { namespace: ARGOCD_NAMESPACE });
    const names = new Set<string>();
    for (const c of props.components) {
      if (names.has(c.name)) throw new Error(`two platform components are named '${c.name}'; component names must be unique`);
      names.add(c.name);
    }
    const { labels, sync } = props;
    const projects = { clusterName: props.facts.clusterName, repoURL: sync.repoURL, syncWindows: props.syncWindows };
    const first = { 'argocd.argoproj.io/sync-wave': String(SYNC_WAVES.projects) };

    new ApiObject(this, 'bootstrap-project', {
      ...APP_PROJECT,
      metadata: { name: BOOTSTRAP_PROJECT, namespace: ARGOCD_NAMESPACE, labels, annotations: first },
      spec: bootstrapProjectSpec(projects, ARGOCD_NAMESPACE),
    });
    new ApiObject(this, 'platform-project', {
      ...APP_PROJECT,
      metadata: { name: PLATFORM_PROJECT, namespace: ARGOCD_NAMESPACE, labels, annotations: first },
      spec: platformProjectSpec(projects, props.components, props.workloadNamespaces),
    });
    const secret = clusterSecret(props, ARGOCD_NAMESPACE);
    new k8s.KubeSecret(this, 'cluster-secret', {
      ...secret,
      metadata: { ...secret.metadata, annotations: { ...secret.metadata.annotations, ...first } },
    });

    new ApiObject(this, 'root', {
      ...APPLICATION,
      metadata: { name: ROOT_APPLICATION, namespace: ARGOCD_NAMESPACE, labels },
      spec: {
        project: BOOTSTRAP_PROJECT,
        source: gitopsSource(sync, [manifestFile(id)]),
        destination: { server: IN_CLUSTER, namespace: ARGOCD_NAMESPACE },
        syncPolicy: syncPolicy(sync.retry, { prune: true, serverSideApply: false }),
      },
    });

    const ordered = [...props.components].sort((a, b) => a.syncWave - b.syncWave || a.name.localeCompare(b.name));
    for (const component of ordered) {
      const app = componentApplication(component, sync, PLATFORM_PROJECT, ARGOCD_NAMESPACE);
      new ApiObject(this, `app-${component.name}`, {
        ...APPLICATION,
        metadata: { ...app.metadata, labels },
        spec: app.spec,
      });
    }
  }
}
