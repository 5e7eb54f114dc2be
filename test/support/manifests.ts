import { CORE_SCHEMA, loadAll } from 'js-yaml';
import { renderCluster, type RenderedCluster } from '../../charts/app.js';
import { clusterViews, type ClusterView } from '../../config/derive/cluster-view.js';
import type { PlatformConfig } from '../../config/schema/platform.js';
import { platformConfig } from './platform.js';
import type { SharedCluster } from './synth-once/files.js';
import { sharedClusters } from './synth-once/read.js';

/** A Kubernetes object as rendered: the fields every manifest has, the rest untyped. */
export interface K8sObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: {
    readonly name: string;
    readonly namespace?: string;
    readonly labels?: Record<string, string>;
    readonly annotations?: Record<string, string>;
  };
  /** Undefined for kinds without one (ServiceAccount, ConfigMap...). */
  readonly spec: unknown;
  readonly [field: string]: unknown;
}

/** One object with the file it was rendered to. */
export interface RenderedObject {
  readonly file: string;
  readonly object: K8sObject;
}

const cached = new Map<SharedCluster[], RenderedCluster[]>();

/**
 * Every cluster of the TradeSense config as `npm run synth` rendered it, read from
 * the run's one synth (test/support/synth-once); each view derived from the config.
 */
export function renderedClusters(): RenderedCluster[] {
  const shared = sharedClusters();
  let clusters = cached.get(shared);
  if (!clusters) {
    const views = new Map(clusterViews(platformConfig()).map((v) => [`${v.envName}/${v.region}`, v]));
    clusters = shared.map((c) => {
      const view = views.get(c.dir);
      if (!view) throw new Error(`the shared synth rendered '${c.dir}', which the config has no cluster for`);
      return { dir: c.dir, view, files: new Map(c.files), objects: new Map(c.objects) };
    });
    cached.set(shared, clusters);
  }
  return clusters;
}

/** The rendered cluster at `<env>/<region>`. */
export function clusterAt(dir: string, clusters: RenderedCluster[] = renderedClusters()): RenderedCluster {
  const cluster = clusters.find((c) => c.dir === dir);
  if (!cluster) throw new Error(`no cluster '${dir}'; clusters: ${clusters.map((c) => c.dir).join(', ')}`);
  return cluster;
}

/** The view of the cluster at `<env>/<region>` of a config (the TradeSense config by default). */
export function viewAt(dir: string, config: PlatformConfig = platformConfig()): ClusterView {
  const view = clusterViews(config).find((v) => `${v.envName}/${v.region}` === dir);
  if (!view) throw new Error(`no cluster '${dir}'`);
  return view;
}

/** The cluster at `<env>/<region>` rendered from another config: that cluster only, as renderClusters renders it. */
export function clusterWith(config: PlatformConfig, dir: string): RenderedCluster {
  return renderCluster(viewAt(dir, config));
}

/** The objects a chart rendered into a cluster, as rendered (no YAML round trip). */
export function chartObjects(cluster: RenderedCluster, chartId: string): any[] {
  return cluster.objects.get(`${chartId}.k8s.yaml`) ?? [];
}

const parsedCache = new WeakMap<RenderedCluster, RenderedObject[]>();

/** All objects of a cluster's `*.k8s.yaml` files (kustomization.yaml excluded), in file order. */
export function objectsOf(cluster: RenderedCluster): RenderedObject[] {
  const hit = parsedCache.get(cluster);
  if (hit) return hit;
  const objects: RenderedObject[] = [];
  for (const [file, text] of cluster.files) {
    if (!file.endsWith('.k8s.yaml')) continue;
    for (const object of loadAll(text, undefined, { schema: CORE_SCHEMA }) as (K8sObject | null)[]) {
      if (object) objects.push({ file, object });
    }
  }
  parsedCache.set(cluster, objects);
  return objects;
}

export interface ObjectFilter {
  readonly kind?: string;
  readonly apiVersion?: string;
  readonly name?: string;
  readonly namespace?: string;
  readonly file?: string;
}

function matches(r: RenderedObject, f: ObjectFilter): boolean {
  const { object } = r;
  return (
    (f.kind === undefined || object.kind === f.kind) &&
    (f.apiVersion === undefined || object.apiVersion === f.apiVersion) &&
    (f.name === undefined || object.metadata.name === f.name) &&
    (f.namespace === undefined || object.metadata.namespace === f.namespace) &&
    (f.file === undefined || r.file === f.file)
  );
}

/** Objects of a cluster matching every given field. */
export function findObjects(cluster: RenderedCluster, filter: ObjectFilter): K8sObject[] {
  return objectsOf(cluster)
    .filter((r) => matches(r, filter))
    .map((r) => r.object);
}

/** The one object matching `filter`; throws naming the filter when there are none or several. */
export function findObject(cluster: RenderedCluster, filter: ObjectFilter): K8sObject {
  const found = findObjects(cluster, filter);
  if (found.length !== 1)
    throw new Error(`expected one object matching ${JSON.stringify(filter)} in ${cluster.dir}, found ${found.length}`);
  return found[0] as K8sObject;
}

/** Reads a nested field by path (`spec.template.ttl`); undefined when any step is missing. */
export function field(object: unknown, path: string): unknown {
  let current: unknown = object;
  for (const step of path.split('.')) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[step];
  }
  return current;
}

/** `group/Kind` of an object's apiVersion and kind (group empty for the core API). */
export function groupKind(object: Pick<K8sObject, 'apiVersion' | 'kind'>): string {
  const slash = object.apiVersion.lastIndexOf('/');
  return `${slash === -1 ? '' : object.apiVersion.slice(0, slash)}/${object.kind}`;
}
