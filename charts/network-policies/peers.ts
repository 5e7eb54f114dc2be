import type { k8s } from 'cdk8s-plus-28';
import { teamNamespace } from '../../config/derive/cluster-names.js';
import { INGRESS_GATEWAY, INGRESS_NAMESPACE, ISTIO_NAMESPACE } from '../istio/names.js';
import { MONITORING_NAMESPACE, OBSERVABILITY_NAMESPACE } from '../observability/namespaces.js';
import { loadTestTemplateName } from '../rollouts/names.js';
import { SERVICE_NAME_LABEL } from '../workloads/names.js';

/** Istio's sidecar ports Prometheus scrapes: merged app + agent metrics, Envoy stats. */
export const ISTIO_METRICS_PORTS = [15020, 15090] as const;
/** istiod: xDS and certificate signing (15012), sidecar injection webhook (15017). */
export const ISTIOD_PORTS = [15012, 15017] as const;

/** The label every namespace carries with its own name (set by the API server). */
const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

export type Peer = k8s.NetworkPolicyPeer;

/** All pods of a namespace, or those matching `podLabels` there. */
export function namespacePeer(namespace: string, podLabels?: Record<string, string>): Peer {
  return {
    namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: namespace } },
    ...(podLabels ? { podSelector: { matchLabels: podLabels } } : {}),
  };
}

/** The pods of one TradeSense service, in its team's namespace. */
export function servicePeer(service: { name: string; team: string }): Peer {
  return namespacePeer(teamNamespace(service.team), { [SERVICE_NAME_LABEL]: service.name });
}

export const KUBE_DNS: Peer = namespacePeer('kube-system', { 'k8s-app': 'kube-dns' });
export const ISTIOD: Peer = namespacePeer(ISTIO_NAMESPACE, { app: 'istiod' });
export const INGRESS_GATEWAY_PODS: Peer = namespacePeer(INGRESS_NAMESPACE, { istio: INGRESS_GATEWAY });
/** Where Prometheus (and Alertmanager) run: the observability stack's namespace. */
export const PROMETHEUS: Peer = namespacePeer(MONITORING_NAMESPACE);

/** The OpenTelemetry collector: OTLP gRPC and HTTP from auto-instrumented services. */
export const COLLECTOR: Peer = namespacePeer(OBSERVABILITY_NAMESPACE);
export const OTLP_PORTS = [4317, 4318] as const;

/** The pre-promotion k6 Job of a service, in its team's namespace (charts/rollouts/analysis-templates.ts). */
export function loadTestPeer(service: { name: string; team: string }): Peer {
  return namespacePeer(teamNamespace(service.team), { [SERVICE_NAME_LABEL]: loadTestTemplateName(service.name) });
}
