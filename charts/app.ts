import { App, Chart } from 'cdk8s';
import { clusterFacts } from '../config/derive/facts.js';
import { clusterTargets } from '../config/derive/targets.js';
import type { PlatformConfig } from '../config/schema/platform.js';
import { AlertingChart } from './alerting/alerting.js';
import { AppOfAppsChart, clusterComponents } from './argocd/app-of-apps.js';
import { ChaosExperimentsChart } from './chaos/chaos-experiments.js';
import { CiAccessChart } from './ci-access/ci-access.js';
import type { ClusterContext } from './cluster-context.js';
import { ClusterSecretStoreChart } from './external-secrets/cluster-secret-store.js';
import { ServiceSecretsChart } from './external-secrets/service-secrets.js';
import { FalcoSecretsChart } from './falco/falco-secrets.js';
import { GatekeeperConstraintsChart } from './gatekeeper/gatekeeper-constraints.js';
import { GatekeeperTemplatesChart } from './gatekeeper/gatekeeper-templates.js';
import { IngressRoutesChart } from './istio/ingress-routes.js';
import { IstioAuthorizationChart } from './istio/istio-authorization.js';
import { IstioMeshChart } from './istio/istio-mesh.js';
import { JanitorChart } from './janitor/janitor.js';
import { KarpenterChart } from './karpenter/karpenter.js';
import { manifestYaml } from './manifest-yaml.js';
import { NetworkPoliciesChart } from './network-policies/network-policies.js';
import { ApmChart } from './observability/apm.js';
import { DashboardsChart } from './observability/dashboards-chart.js';
import { SloRulesChart } from './observability/slo-rules.js';
import { ServiceRolloutsChart } from './rollouts/service-rollouts.js';
import { StorageClassesChart } from './storage/storage-classes.js';
import { TeamNamespacesChart } from './team-namespaces.js';
import { VeleroLocationsChart } from './velero/velero-locations.js';
import { VeleroSchedulesChart } from './velero/velero-schedules.js';
import { ServiceAccountsChart } from './workloads/service-accounts.js';

/** One chart per file: `<id>.k8s.yaml` in the cluster's folder. */
export type ChartFactory = (app: App, ctx: ClusterContext) => Chart;

/** The charts every cluster renders; capabilities add theirs here. */
export const CLUSTER_CHARTS: Record<string, ChartFactory> = {
  'team-namespaces': (app, ctx) => new TeamNamespacesChart(app, 'team-namespaces', ctx),
  janitor: (app, ctx) => new JanitorChart(app, 'janitor', ctx),
  karpenter: (app, ctx) => new KarpenterChart(app, 'karpenter', ctx),
  argocd: (app, ctx) => new AppOfAppsChart(app, 'argocd', ctx, { components: clusterComponents(ctx) }),
  'istio-mesh': (app, ctx) => new IstioMeshChart(app, 'istio-mesh', ctx),
  'istio-authorization': (app, ctx) => new IstioAuthorizationChart(app, 'istio-authorization', ctx),
  'istio-ingress-routes': (app, ctx) => new IngressRoutesChart(app, 'istio-ingress-routes', ctx),
  'cluster-secret-store': (app, ctx) => new ClusterSecretStoreChart(app, 'cluster-secret-store', ctx),
  'service-secrets': (app, ctx) => new ServiceSecretsChart(app, 'service-secrets', ctx),
  'velero-locations': (app, ctx) => new VeleroLocationsChart(app, 'velero-locations', ctx),
  'velero-schedules': (app, ctx) => new VeleroSchedulesChart(app, 'velero-schedules', ctx),
  'service-accounts': (app, ctx) => new ServiceAccountsChart(app, 'service-accounts', ctx),
  'gatekeeper-templates': (app, ctx) => new GatekeeperTemplatesChart(app, 'gatekeeper-templates', ctx),
  'gatekeeper-constraints': (app, ctx) => new GatekeeperConstraintsChart(app, 'gatekeeper-constraints', ctx),
  'network-policies': (app, ctx) => new NetworkPoliciesChart(app, 'network-policies', ctx),
  'chaos-experiments': (app, ctx) => new ChaosExperimentsChart(app, 'chaos-experiments', ctx),
  'falco-secrets': (app, ctx) => new FalcoSecretsChart(app, 'falco-secrets', ctx),
  'service-rollouts': (app, ctx) => new ServiceRolloutsChart(app, 'service-rollouts', ctx),
  'slo-rules': (app, ctx) => new SloRulesChart(app, 'slo-rules', ctx),
  apm: (app, ctx) => new ApmChart(app, 'apm', ctx),
  dashboards: (app, ctx) => new DashboardsChart(app, 'dashboards', ctx),
  alerting: (app, ctx) => new AlertingChart(app, 'alerting', ctx),
  'ci-access': (app, ctx) => new CiAccessChart(app, 'ci-access', ctx),
  'storage-classes': (app, ctx) => new StorageClassesChart(app, 'storage-classes', ctx),
};

export interface RenderedCluster {
  /** `<env>/<region>` below the output root. */
  readonly dir: string;
  readonly ctx: ClusterContext;
  /** File name to YAML text, in a stable order, including kustomization.yaml. */
  readonly files: Map<string, string>;
  /** File name to the objects serialized in it (checks read these instead of re-parsing YAML). */
  readonly objects: Map<string, Record<string, unknown>[]>;
}

/** The Kubernetes half: every cluster's manifests, rendered in memory. */
export function renderClusters(config: PlatformConfig): RenderedCluster[] {
  return clusterTargets(config).map((target) => {
    const ctx: ClusterContext = { config, target, facts: clusterFacts(config, target) };
    const app = new App();
    const files = new Map<string, string>();
    const objects = new Map<string, Record<string, unknown>[]>();
    for (const [id, factory] of Object.entries(CLUSTER_CHARTS).sort(([a], [b]) => a.localeCompare(b))) {
      const docs = factory(app, ctx).toJson() as Record<string, unknown>[];
      // A chart with nothing for this cluster (chaos outside staging, Karpenter where not chosen) writes no file.
      if (docs.length === 0) continue;
      objects.set(`${id}.k8s.yaml`, docs);
      files.set(`${id}.k8s.yaml`, manifestYaml(docs));
    }
    // Keeps `kubectl kustomize dist/<env>/<region>` working, as the team builds today.
    const kustomization = { apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization', resources: [...files.keys()] };
    files.set('kustomization.yaml', manifestYaml([kustomization]));
    return { dir: `${target.envName}/${target.region}`, ctx, files, objects };
  });
}
