import { Chart } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import type { Construct } from 'constructs';
import { teamNamespace } from '../../config/derive/cluster-names.js';
import { labelsOf, type LabelBasis } from '../../config/derive/tags.js';
import type { Service } from '../../config/schema/service.js';
import { loadTestTemplateName } from '../rollouts/names.js';
import { SERVICE_NAME_LABEL } from '../workloads/names.js';
import type { DatabaseReach } from './database-peers.js';
import {
  COLLECTOR,
  INGRESS_GATEWAY_PODS,
  ISTIO_METRICS_PORTS,
  ISTIOD,
  ISTIOD_PORTS,
  KUBE_DNS,
  loadTestPeer,
  OTLP_PORTS,
  PROMETHEUS,
  servicePeer,
  type Peer,
} from './peers.js';

const tcp = (port: number): k8s.NetworkPolicyPort => ({ protocol: 'TCP', port: k8s.IntOrString.fromNumber(port) });
const udp = (port: number): k8s.NetworkPolicyPort => ({ protocol: 'UDP', port: k8s.IntOrString.fromNumber(port) });
const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);

/** The services that call `callee` (config.services[].calls). */
export function callersOf(services: readonly Service[], callee: Service): Service[] {
  return services.filter((s) => s.calls.includes(callee.name)).sort(byName);
}

export interface NetworkPoliciesProps {
  readonly labels: LabelBasis;
  readonly services: readonly Service[];
  /**
   * Entry points the ingress gateway may reach: config.gitops.publicServices,
   * the same list the mesh AuthorizationPolicies admit the gateway to, so the
   * network and the mesh layers cannot disagree (docs/runtime-security.md).
   */
  readonly publicServices: readonly string[];
  /** The database as this cluster reaches it (database-peers.ts). @default none: no database */
  readonly database?: DatabaseReach;
}

/**
 * Zero trust at the network layer, beneath the mesh: every team namespace
 * denies all ingress and egress, then admits DNS, the Istio control plane,
 * Prometheus scrapes of the sidecars, telemetry to the OpenTelemetry collector,
 * the service-to-service paths of config.services[].calls, each service's
 * pre-promotion load test, the ingress gateway to the entry points, and each
 * stateful service to the environment database.
 */
export class NetworkPoliciesChart extends Chart {
  constructor(scope: Construct, id: string, props: NetworkPoliciesProps) {
    super(scope, id);
    const services = [...props.services].sort(byName);
    const teams = [...new Set(services.map((s) => s.team))].sort();
    for (const team of teams) {
      const namespace = teamNamespace(team);
      const labels = labelsOf(props.labels, { Team: team, Service: team });
      const policy = (name: string, spec: k8s.NetworkPolicySpec) =>
        new k8s.KubeNetworkPolicy(this, `${team}-${name}`, { metadata: { name, namespace, labels }, spec });
      policy('default-deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
      policy('allow-dns', { podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [KUBE_DNS], ports: [udp(53), tcp(53)] }] });
      // The sidecar fetches its config and mTLS certificate from istiod.
      policy('allow-istiod', { podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [ISTIOD], ports: ISTIOD_PORTS.map(tcp) }] });
      // App metrics are merged into the sidecar's plain-text 15020 endpoint, so STRICT mTLS does not block scrapes.
      policy('allow-telemetry', { podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [COLLECTOR], ports: OTLP_PORTS.map(tcp) }] });
      policy('allow-prometheus-scrape', {
        podSelector: {},
        policyTypes: ['Ingress'],
        ingress: [{ from: [PROMETHEUS], ports: ISTIO_METRICS_PORTS.map(tcp) }],
      });
    }
    for (const service of services) {
      const namespace = teamNamespace(service.team);
      const labels = labelsOf(props.labels, { Team: service.team, Service: service.name });
      const podSelector = { matchLabels: { [SERVICE_NAME_LABEL]: service.name } };
      // The k6 Job of a blue-green promotion calls the preview Service, which selects these same pods.
      const from: Peer[] = [...callersOf(services, service).map(servicePeer), loadTestPeer(service)];
      if (props.publicServices.includes(service.name)) from.push(INGRESS_GATEWAY_PODS);
      new k8s.KubeNetworkPolicy(this, `${service.name}-ingress`, {
        metadata: { name: `allow-${service.name}-ingress`, namespace, labels },
        spec: { podSelector, policyTypes: ['Ingress'], ingress: [{ from, ports: [tcp(service.port)] }] },
      });
      new k8s.KubeNetworkPolicy(this, `${service.name}-load-test-egress`, {
        metadata: { name: `allow-${service.name}-load-test-egress`, namespace, labels },
        spec: {
          podSelector: { matchLabels: { [SERVICE_NAME_LABEL]: loadTestTemplateName(service.name) } },
          policyTypes: ['Egress'],
          egress: [{ to: [servicePeer(service)], ports: [tcp(service.port)] }],
        },
      });
      const database = service.stateful ? props.database : undefined;
      if (database) {
        new k8s.KubeNetworkPolicy(this, `${service.name}-database-egress`, {
          metadata: { name: `allow-${service.name}-database`, namespace, labels },
          spec: { podSelector, policyTypes: ['Egress'], egress: [{ to: database.peers, ports: [tcp(database.port)] }] },
        });
      }
      const callees = services.filter((s) => service.calls.includes(s.name));
      if (callees.length > 0) {
        new k8s.KubeNetworkPolicy(this, `${service.name}-egress`, {
          metadata: { name: `allow-${service.name}-egress`, namespace, labels },
          // One rule per callee: each path opens only the callee's own port.
          spec: {
            podSelector,
            policyTypes: ['Egress'],
            egress: callees.map((callee) => ({ to: [servicePeer(callee)], ports: [tcp(callee.port)] })),
          },
        });
      }
    }
  }
}
