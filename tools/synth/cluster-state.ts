import { join } from 'node:path';
import type { RenderedCluster } from '../../charts/app.js';
import { BUILTIN_CLUSTER_SCOPED } from '../../policies/cluster-state/scope.js';
import { groupKindOf, type ClusterState, type StateApplication, type StateObject } from '../../policies/cluster-state/types.js';
import { lockedArchive, readChartLock, REPO_ROOT, type ChartLock } from '../helm/chart-lock.js';
import { findHelm, type HelmBinary } from '../helm/helm-binary.js';
import { renderCharts, type ChartRenderJob, type RenderedDocument } from '../helm/render-chart.js';
import { type Json, obj, str } from '../../policies/json.js';

export interface ClusterStateOptions {
  /** Repository root: vendor/charts and .build live below it. @default this repository */
  readonly root?: string;
  /** @default findHelm under `<root>/.build/helm` */
  readonly helm?: HelmBinary;
  /** @default `<root>/.build/helm-renders` */
  readonly cacheDir?: string;
}

const waveOf = (o: Json): number => Number(obj(obj(o.metadata).annotations)['argocd.argoproj.io/sync-wave'] ?? 0) || 0;

/** `{a.yaml,b.yaml}` or `a.yaml`: the files of a directory source's `include`. */
export function includedFiles(include: string): string[] {
  const alternation = /^\{(.*)\}$/.exec(include);
  return alternation ? (alternation[1] ?? '').split(',') : [include];
}

interface AppSources {
  readonly app: StateApplication;
  readonly charts: { repoURL: string; chart: string; version: string; release: string; values: Json }[];
  readonly files: string[];
}

function applicationsOf(cluster: RenderedCluster): AppSources[] {
  const docs = [...cluster.objects.values()].flat().filter((d) => d.kind === 'Application' && str(d.apiVersion).startsWith('argoproj.io/'));
  return docs.map((doc) => {
    const spec = obj(doc.spec);
    const sources = (spec.sources as Json[] | undefined) ?? [obj(spec.source)];
    const charts = sources
      .filter((s) => s.chart)
      .map((s) => ({
        repoURL: str(s.repoURL),
        chart: str(s.chart),
        version: str(s.targetRevision),
        release: str(obj(s.helm).releaseName) || str(obj(doc.metadata).name),
        values: obj(obj(s.helm).valuesObject),
      }));
    const files = sources.filter((s) => s.path !== undefined).flatMap((s) => includedFiles(str(obj(s.directory).include)));
    const first = charts[0];
    const app: StateApplication = {
      name: str(obj(doc.metadata).name),
      project: str(spec.project),
      wave: waveOf(doc),
      destinationNamespace: str(obj(spec.destination).namespace),
      syncOptions: (obj(spec.syncPolicy).syncOptions as string[] | undefined) ?? [],
      spec,
      ...(first ? { chart: `${first.chart}@${first.version}` } : {}),
    };
    return { app, charts, files };
  });
}

function chartJobs(
  cluster: RenderedCluster,
  apps: AppSources[],
  root: string,
  lock: ChartLock,
  apiVersions: readonly string[],
): ChartRenderJob[] {
  return apps.flatMap(({ app, charts }) =>
    charts.map((c) => {
      const { entry, path } = lockedArchive(root, lock, c, `${cluster.dir}: Application '${app.name}'`);
      return {
        application: `${cluster.dir}/${app.name}`,
        archivePath: path,
        archiveSha256: entry.sha256,
        release: c.release,
        namespace: app.destinationNamespace,
        values: c.values,
        kubeVersion: cluster.view.kubeVersion,
        apiVersions,
      };
    }),
  );
}

/** `group/version` and `group/version/Kind` of every served version of every CRD rendered. */
function crdApiVersions(renders: readonly RenderedDocument[][]): string[] {
  const out = new Set<string>();
  for (const doc of renders.flat()) {
    if (doc.object.kind !== 'CustomResourceDefinition') continue;
    const spec = obj(doc.object.spec);
    for (const v of (spec.versions as Json[] | undefined) ?? []) {
      if (v.served === false) continue;
      out.add(`${str(spec.group)}/${str(v.name)}`);
      out.add(`${str(spec.group)}/${str(v.name)}/${str(obj(spec.names).kind)}`);
    }
  }
  return [...out].sort();
}

/** Argo CD does not run Helm test hooks: they never reach the cluster. */
const isHelmTest = (o: Json) => /(^|,)\s*test(-success|-failure)?\s*(,|$)/.test(str(obj(obj(o.metadata).annotations)['helm.sh/hook']));

function stateObjects(
  app: StateApplication,
  source: string,
  docs: readonly RenderedDocument[],
  crdScopes: Map<string, boolean>,
): StateObject[] {
  return docs
    .filter((d) => !isHelmTest(d.object))
    .map(({ object, bytes }) => {
      const gk = groupKindOf({ apiVersion: str(object.apiVersion), kind: str(object.kind) });
      const clusterScoped = BUILTIN_CLUSTER_SCOPED.has(gk) || crdScopes.get(gk) === true;
      const namespace = clusterScoped ? undefined : str(obj(object.metadata).namespace) || app.destinationNamespace;
      return {
        application: app.name,
        source,
        apiVersion: str(object.apiVersion),
        kind: str(object.kind),
        name: str(obj(object.metadata).name),
        ...(namespace ? { namespace } : {}),
        clusterScoped,
        wave: waveOf(object),
        body: object,
        bytes,
      };
    });
}

/**
 * Every cluster's state: our files plus each Helm Application rendered as Argo
 * CD renders it. Two passes: the first finds the CRDs the charts install, the
 * second renders with those APIs served, as on a cluster where everything has
 * synced once (charts gate ServiceMonitors and the like on them).
 */
export async function renderClusterStates(
  clusters: readonly RenderedCluster[],
  options: ClusterStateOptions = {},
): Promise<ClusterState[]> {
  const root = options.root ?? REPO_ROOT;
  const helm = options.helm ?? findHelm({ buildDir: join(root, '.build', 'helm') });
  const cacheDir = options.cacheDir ?? join(root, '.build', 'helm-renders');
  const lock = readChartLock(root);
  const perCluster = clusters.map((cluster) => ({ cluster, apps: applicationsOf(cluster) }));

  const first = await renderCharts(
    perCluster.flatMap(({ cluster, apps }) => chartJobs(cluster, apps, root, lock, [])),
    { helm, cacheDir },
  );
  let offset = 0;
  const secondJobs = perCluster.map(({ cluster, apps }) => {
    const count = apps.reduce((n, a) => n + a.charts.length, 0);
    const apis = crdApiVersions(first.slice(offset, (offset += count)));
    return chartJobs(cluster, apps, root, lock, apis);
  });
  const second = await renderCharts(secondJobs.flat(), { helm, cacheDir });

  offset = 0;
  return perCluster.map(({ cluster, apps }, i) => {
    const renders = second.slice(offset, (offset += secondJobs[i]?.length ?? 0));
    const crdScopes = new Map<string, boolean>();
    for (const doc of renders.flat()) {
      if (doc.object.kind !== 'CustomResourceDefinition') continue;
      const spec = obj(doc.object.spec);
      crdScopes.set(`${str(spec.group)}/${str(obj(spec.names).kind)}`, spec.scope === 'Cluster');
    }
    let next = 0;
    const objects = apps.flatMap(({ app, charts, files }) => [
      ...charts.flatMap((c) => stateObjects(app, `helm:${c.chart}-${c.version}`, renders[next++] ?? [], crdScopes)),
      ...files.flatMap((file) =>
        stateObjects(
          app,
          file,
          (cluster.objects.get(file) ?? []).map((object) => ({ object, bytes: Buffer.byteLength(JSON.stringify(object)) })),
          crdScopes,
        ),
      ),
    ]);
    return {
      dir: cluster.dir,
      envName: cluster.view.envName,
      region: cluster.view.region,
      kubeVersion: cluster.view.kubeVersion,
      applications: apps.map((a) => a.app),
      objects,
    };
  });
}
