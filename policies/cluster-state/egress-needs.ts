import { load } from 'js-yaml';
import type { ClusterState, StateObject } from './types.js';
import type { Destination } from './network-policy-eval.js';
import { imagesOf, podTemplates, type StatePodTemplate } from './workload-pods.js';
import { type Json, obj, str } from '../json.js';

/** Something a pod must reach, named for the finding. */
export interface EgressNeed {
  readonly what: string;
  readonly dest: Destination;
  readonly protocol: 'TCP' | 'UDP';
  readonly port: number;
}

/** CoreDNS as the EKS `coredns` add-on labels its pods (not in the state: EKS installs it). */
export const KUBE_DNS_PODS: Destination = {
  pods: { namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns', 'eks.amazonaws.com/component': 'coredns' } },
};

export const dnsNeeds = (): EgressNeed[] => [
  { what: 'DNS (kube-dns, UDP 53)', dest: KUBE_DNS_PODS, protocol: 'UDP', port: 53 },
  { what: 'DNS (kube-dns, TCP 53)', dest: KUBE_DNS_PODS, protocol: 'TCP', port: 53 },
];

const namedPortsOf = (t: StatePodTemplate): Record<string, number> =>
  Object.fromEntries(
    ((t.spec.containers as Json[] | undefined) ?? []).flatMap((c) =>
      ((c.ports as Json[] | undefined) ?? []).filter((p) => p.name).map((p) => [str(p.name), Number(p.containerPort)]),
    ),
  );

const podsOf = (t: StatePodTemplate): Destination => ({
  pods: { namespace: t.object.namespace ?? '', labels: t.labels, namedPorts: namedPortsOf(t) },
});

/** istiod's pods (xDS and certificates on 15012), found by their pilot image. */
export function istiodNeed(state: ClusterState): EgressNeed | undefined {
  const istiod = podTemplates(state.objects).find((t) => imagesOf(t).some((i) => /\/pilot[:@]/.test(i)));
  return istiod ? { what: 'istiod (xDS and certificates, TCP 15012)', dest: podsOf(istiod), protocol: 'TCP', port: 15012 } : undefined;
}

/**
 * The pods behind an in-cluster address (`<svc>.<ns>.svc.cluster.local:<port>`):
 * a Service of the state, or the Service the OpenTelemetry operator creates for
 * a collector (`<name>-collector`), with the port the pods listen on.
 */
export function resolveEndpoint(state: ClusterState, host: string, port: number): { dest: Destination; port: number } | undefined {
  const [name = '', namespace = ''] = host.split('.');
  const service = state.objects.find((o) => o.kind === 'Service' && o.apiVersion === 'v1' && o.name === name && o.namespace === namespace);
  if (service) {
    const spec = obj(service.body.spec);
    const entry = ((spec.ports as Json[] | undefined) ?? []).find((p) => Number(p.port) === port);
    const target = entry?.targetPort;
    const pods = { namespace, labels: obj(spec.selector) as Record<string, string> };
    const selected = podTemplates(state.objects).find(
      (t) => t.object.namespace === namespace && Object.entries(pods.labels).every(([k, v]) => t.labels[k] === v),
    );
    const named = typeof target === 'string' && selected ? namedPortsOf(selected)[target] : undefined;
    return { dest: { pods }, port: typeof target === 'number' ? target : (named ?? port) };
  }
  const collector = name.endsWith('-collector')
    ? state.objects.find(
        (o) => o.kind === 'OpenTelemetryCollector' && o.namespace === namespace && o.name === name.slice(0, -'-collector'.length),
      )
    : undefined;
  if (!collector) return undefined;
  const labels = {
    'app.kubernetes.io/component': 'opentelemetry-collector',
    'app.kubernetes.io/instance': `${namespace}.${collector.name}`,
    'app.kubernetes.io/managed-by': 'opentelemetry-operator',
    'app.kubernetes.io/part-of': 'opentelemetry',
  };
  return { dest: { pods: { namespace, labels } }, port };
}

function endpointNeed(state: ClusterState, what: string, endpoint: string): EgressNeed | undefined {
  const m = /^(?:[a-z]+:\/\/)?([^/:]+):(\d+)/.exec(endpoint);
  if (!m) return undefined;
  const resolved = resolveEndpoint(state, m[1] ?? '', Number(m[2]));
  return resolved ? { what: `${what} (${m[1]}:${m[2]})`, dest: resolved.dest, protocol: 'TCP', port: resolved.port } : undefined;
}

/** The OTLP exporter of the Instrumentation an auto-instrumented pod names. */
export function instrumentationNeed(state: ClusterState, t: StatePodTemplate): EgressNeed | undefined {
  const entry = Object.entries(t.annotations).find(([k, v]) => k.startsWith('instrumentation.opentelemetry.io/inject-') && v !== 'false');
  if (!entry) return undefined;
  const ref = entry[1];
  const [ns, name] = ref.includes('/') ? ref.split('/') : [t.object.namespace, ref];
  const instrumentation = state.objects.find(
    (o) => o.kind === 'Instrumentation' && o.namespace === ns && (ref === 'true' || o.name === name),
  );
  const endpoint = str(obj(obj(instrumentation?.body.spec).exporter).endpoint);
  return endpoint ? endpointNeed(state, 'the OTLP collector of its instrumentation', endpoint) : undefined;
}

/** The OpenTelemetry tracing providers of the mesh that a Telemetry resource turns on: every sidecar exports spans there. */
export function meshTracingNeeds(state: ClusterState): EgressNeed[] {
  const meshConfig = state.objects.find((o) => o.kind === 'ConfigMap' && o.name === 'istio' && o.application === 'istiod');
  const mesh = obj(load(str(obj(meshConfig?.body.data).mesh)));
  const used = new Set(
    state.objects
      .filter((o: StateObject) => o.kind === 'Telemetry')
      .flatMap((o) =>
        ((obj(o.body.spec).tracing as Json[] | undefined) ?? []).flatMap((t) =>
          ((t.providers as Json[] | undefined) ?? []).map((p) => str(p.name)),
        ),
      ),
  );
  return ((mesh.extensionProviders as Json[] | undefined) ?? [])
    .filter((p) => used.has(str(p.name)) && p.opentelemetry)
    .flatMap((p) => {
      const otel = obj(p.opentelemetry);
      return endpointNeed(state, `the mesh tracing provider '${str(p.name)}'`, `${str(otel.service)}:${String(otel.port)}`) ?? [];
    });
}
