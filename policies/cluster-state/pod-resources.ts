import { parseQuantity } from '../../config/derive/quantity.js';
import type { ClusterState, StateObject } from './types.js';
import type { StatePodTemplate } from './workload-pods.js';
import { type Json, obj, str } from '../json.js';

/** CPU (cores) and memory (bytes), as requests or limits. */
export interface Amount {
  readonly cpu: number;
  readonly memory: number;
}
export interface PodResources {
  readonly requests: Amount;
  readonly limits: Amount;
}

const ZERO: Amount = { cpu: 0, memory: 0 };
const add = (a: Amount, b: Amount): Amount => ({ cpu: a.cpu + b.cpu, memory: a.memory + b.memory });
const max = (a: Amount, b: Amount): Amount => ({ cpu: Math.max(a.cpu, b.cpu), memory: Math.max(a.memory, b.memory) });
export const scale = (r: PodResources, n: number): PodResources => ({
  requests: { cpu: r.requests.cpu * n, memory: r.requests.memory * n },
  limits: { cpu: r.limits.cpu * n, memory: r.limits.memory * n },
});
export const sum = (rs: readonly PodResources[]): PodResources =>
  rs.reduce((a, r) => ({ requests: add(a.requests, r.requests), limits: add(a.limits, r.limits) }), { requests: ZERO, limits: ZERO });

/** One container as admission leaves it: requests and limits resolved, and whether it is a native sidecar. */
interface Container {
  readonly requests: Amount;
  readonly limits: Amount;
  readonly sidecar: boolean;
}

/** A namespace's LimitRange defaults for containers (what LimitRanger fills in at admission). */
interface ContainerDefaults {
  readonly request: Json;
  readonly limit: Json;
}

function defaultsIn(state: ClusterState, namespace: string): ContainerDefaults {
  const items = state.objects
    .filter((o) => o.kind === 'LimitRange' && o.namespace === namespace)
    .flatMap((o) => (obj(o.body.spec).limits as Json[] | undefined) ?? [])
    .filter((l) => l.type === 'Container');
  return {
    request: Object.assign({}, ...items.map((l) => obj(l.defaultRequest))),
    limit: Object.assign({}, ...items.map((l) => obj(l.default))),
  };
}

/** API defaulting (requests default to limits), then LimitRanger (namespace defaults for what is still unset). */
function resolve(resources: unknown, defaults: ContainerDefaults, sidecar: boolean): Container {
  const r = obj(resources);
  const limits = { ...defaults.limit, ...obj(r.limits) };
  const requests = { ...defaults.request, ...obj(r.limits), ...obj(r.requests) };
  const amount = (m: Json): Amount => ({
    cpu: m.cpu === undefined ? 0 : parseQuantity(m.cpu as string),
    memory: m.memory === undefined ? 0 : parseQuantity(m.memory as string),
  });
  return { requests: amount(requests), limits: amount(limits), sidecar };
}

/**
 * What a pod counts against a quota, as the API server computes it: the larger
 * of (every app container + every native sidecar) and, for each regular init
 * container, itself + the native sidecars started before it.
 */
function effective(inits: readonly Container[], apps: readonly Container[]): PodResources {
  let sidecars: PodResources = { requests: ZERO, limits: ZERO };
  let initPeak: PodResources = { requests: ZERO, limits: ZERO };
  for (const c of inits) {
    if (c.sidecar) {
      sidecars = sum([sidecars, c]);
      continue;
    }
    const during = sum([sidecars, c]);
    initPeak = { requests: max(initPeak.requests, during.requests), limits: max(initPeak.limits, during.limits) };
  }
  const running = sum([...apps, sidecars]);
  return { requests: max(running.requests, initPeak.requests), limits: max(running.limits, initPeak.limits) };
}

/** The mesh as istiod injects it, read from the rendered `istio-sidecar-injector` values. */
export interface MeshInjection {
  /** The proxy's resources (the init container gets the same). */
  readonly proxyResources: Json;
  /** Istio ≥ 1.27 injects the proxy as a native sidecar unless `ENABLE_NATIVE_SIDECARS` is false. */
  readonly nativeByDefault: boolean;
}

export function meshInjection(state: ClusterState): MeshInjection | undefined {
  const injector = state.objects.find((o) => o.kind === 'ConfigMap' && o.name === 'istio-sidecar-injector');
  const text = str(obj(injector?.body.data).values);
  if (!text) return undefined;
  const values = JSON.parse(text) as Json;
  const env = obj(obj(values.pilot).env);
  return { proxyResources: obj(obj(obj(values.global).proxy).resources), nativeByDefault: str(env.ENABLE_NATIVE_SIDECARS) !== 'false' };
}

const isTrue = (v: unknown) => v === 'true' || v === true;

/** Whether istiod injects this pod: its namespace's `istio-injection` label, unless the pod opts out. */
export function isMeshed(t: StatePodTemplate, namespace: StateObject | undefined): boolean {
  const podInject = t.labels['sidecar.istio.io/inject'] ?? t.annotations['sidecar.istio.io/inject'];
  if (podInject !== undefined) return isTrue(podInject);
  const labels = obj(obj(namespace?.body.metadata).labels);
  return labels['istio-injection'] === 'enabled';
}

/** The OpenTelemetry operator's init container for an `instrumentation.opentelemetry.io/inject-<lang>` pod. */
function instrumentationInit(t: StatePodTemplate, state: ClusterState, podNamespace: string): Json | undefined {
  const entry = Object.entries(t.annotations).find(([k, v]) => k.startsWith('instrumentation.opentelemetry.io/inject-') && v !== 'false');
  if (!entry) return undefined;
  const [key, ref] = entry;
  const language = key.slice('instrumentation.opentelemetry.io/inject-'.length);
  const [ns, name] = ref.includes('/') ? ref.split('/') : [podNamespace, ref];
  const instrumentation = state.objects.find(
    (o) => o.kind === 'Instrumentation' && o.namespace === ns && (ref === 'true' || o.name === name),
  );
  const spec = obj(obj(instrumentation?.body.spec)[language]);
  // Java takes `resources`, the other languages `resourceRequirements`.
  return { resources: spec.resources ?? spec.resourceRequirements };
}

/** A pod's quota footprint after admission: LimitRange defaults, the mesh's init and proxy, the OpenTelemetry init container. */
export function podResources(t: StatePodTemplate, state: ClusterState, mesh: MeshInjection | undefined): PodResources {
  const namespace = t.object.namespace ?? '';
  const defaults = defaultsIn(state, namespace);
  const ns = state.objects.find((o) => o.kind === 'Namespace' && o.name === namespace);
  const list = (key: string) =>
    ((t.spec[key] as Json[] | undefined) ?? []).map((c) => resolve(c.resources, defaults, c.restartPolicy === 'Always'));
  const inits = list('initContainers');
  const apps = list('containers');
  const otel = instrumentationInit(t, state, namespace);
  if (otel) inits.push(resolve(otel.resources, defaults, false));
  if (!mesh || !isMeshed(t, ns)) return effective(inits, apps);
  const native =
    t.annotations['sidecar.istio.io/nativeSidecar'] === undefined
      ? mesh.nativeByDefault
      : isTrue(t.annotations['sidecar.istio.io/nativeSidecar']);
  const annotated = ['proxyCPU', 'proxyMemory', 'proxyCPULimit', 'proxyMemoryLimit'].some(
    (k) => t.annotations[`sidecar.istio.io/${k}`] !== undefined,
  );
  const proxy = annotated
    ? {
        requests: { cpu: t.annotations['sidecar.istio.io/proxyCPU'], memory: t.annotations['sidecar.istio.io/proxyMemory'] },
        limits: { cpu: t.annotations['sidecar.istio.io/proxyCPULimit'], memory: t.annotations['sidecar.istio.io/proxyMemoryLimit'] },
      }
    : mesh.proxyResources;
  const clean = (r: Json) =>
    Object.fromEntries(
      Object.entries(r).map(([k, v]) => [k, Object.fromEntries(Object.entries(obj(v)).filter(([, q]) => q !== undefined))]),
    );
  const init = resolve(clean(proxy), defaults, false);
  const sidecar = resolve(clean(proxy), defaults, native);
  // istio-init (or istio-validation) first, then the native proxy, then the pod's own init containers.
  return native ? effective([init, sidecar, ...inits], apps) : effective([init, ...inits], [...apps, sidecar]);
}
