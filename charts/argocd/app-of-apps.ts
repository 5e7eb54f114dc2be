import { ApiObject, Chart } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import type { Construct } from 'constructs';
import { resolveLabels } from '../../config/derive/tags.js';
import type { ClusterContext } from '../cluster-context.js';
import type { PlatformComponent } from '../platform-components.js';
import { teamNamespace } from '../team-namespaces.js';
import { componentApplication, gitopsSource, IN_CLUSTER, syncPolicy } from './application.js';
import { ARGOCD_NAMESPACE } from './argo-cd-component.js';
import { clusterSecret } from './cluster-secret.js';
import { PLATFORM_COMPONENTS } from './components.js';
import { bootstrapProjectSpec, platformProjectSpec } from './projects.js';
import { SYNC_WAVES } from './sync-waves.js';

/** The chart id: the root application syncs this one file, `argocd.k8s.yaml`. */
export const ARGOCD_CHART_ID = 'argocd';
export const ROOT_APPLICATION = 'root';
export const PLATFORM_PROJECT = 'platform';
export const BOOTSTRAP_PROJECT = 'bootstrap';

const APPLICATION = { apiVersion: 'argoproj.io/v1alpha1', kind: 'Application' };
const APP_PROJECT = { apiVersion: 'argoproj.io/v1alpha1', kind: 'AppProject' };

export interface AppOfAppsProps {
  /** The components this cluster installs (already filtered by `enabled`). */
  readonly components: readonly PlatformComponent[];
}

/**
 * One cluster's Argo CD app-of-apps: the root Application (applied once at
 * bootstrap, then it manages itself from git), the AppProjects, the cluster
 * Secret with the cluster's facts, and a child Application per component,
 * ordered by sync wave.
 */
export class AppOfAppsChart extends Chart {
  constructor(scope: Construct, id: string, ctx: ClusterContext, props: AppOfAppsProps) {
    super(scope, id, { namespace: ARGOCD_NAMESPACE });
    const names = new Set<string>();
    for (const c of props.components) {
      if (names.has(c.name)) throw new Error(`two platform components are named '${c.name}'; component names must be unique`);
      names.add(c.name);
    }
    const labels = resolveLabels(ctx.config, ctx.target.envName, { Team: 'platform', Service: 'argocd' });
    const teams = [...new Set(ctx.config.services.map((s) => s.team))].sort();
    const first = { 'argocd.argoproj.io/sync-wave': String(SYNC_WAVES.projects) };

    new ApiObject(this, 'bootstrap-project', {
      ...APP_PROJECT,
      metadata: { name: BOOTSTRAP_PROJECT, namespace: ARGOCD_NAMESPACE, labels, annotations: first },
      spec: bootstrapProjectSpec(ctx, ARGOCD_NAMESPACE),
    });
    new ApiObject(this, 'platform-project', {
      ...APP_PROJECT,
      metadata: { name: PLATFORM_PROJECT, namespace: ARGOCD_NAMESPACE, labels, annotations: first },
      spec: platformProjectSpec(ctx, props.components, teams.map(teamNamespace)),
    });
    const secret = clusterSecret(ctx, ARGOCD_NAMESPACE);
    new k8s.KubeSecret(this, 'cluster-secret', { ...secret, metadata: { ...secret.metadata, annotations: { ...secret.metadata.annotations, ...first } } });

    new ApiObject(this, 'root', {
      ...APPLICATION,
      metadata: { name: ROOT_APPLICATION, namespace: ARGOCD_NAMESPACE, labels },
      spec: {
        project: BOOTSTRAP_PROJECT,
        source: gitopsSource(ctx, [`${id}.k8s.yaml`]),
        destination: { server: IN_CLUSTER, namespace: ARGOCD_NAMESPACE },
        syncPolicy: syncPolicy(ctx, { prune: true, serverSideApply: false }),
      },
    });

    const ordered = [...props.components].sort((a, b) => a.syncWave - b.syncWave || a.name.localeCompare(b.name));
    for (const component of ordered) {
      const app = componentApplication(component, ctx, PLATFORM_PROJECT, ARGOCD_NAMESPACE);
      new ApiObject(this, `app-${component.name}`, {
        ...APPLICATION,
        metadata: { ...app.metadata, labels },
        spec: app.spec,
      });
    }
  }
}

/** The components a cluster installs: every registered one its `enabled` check admits. */
export function clusterComponents(ctx: ClusterContext): PlatformComponent[] {
  return PLATFORM_COMPONENTS.filter((c) => c.enabled?.(ctx) ?? true);
}
