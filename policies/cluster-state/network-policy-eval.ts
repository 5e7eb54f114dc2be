import { parseCidr } from '../../config/derive/cidr.js';
import type { ClusterState, StateObject } from './types.js';
import { list, obj, type Json } from '../json.js';
import { selectorMatches as matches, type LabelSelector } from './label-selector.js';

/** A NetworkPolicy's selector as rendered (untyped): label selector semantics, `{}` selects everything. */
const selectorMatches = (selector: unknown, labels: Readonly<Record<string, string>>): boolean =>
  matches(obj(selector) as LabelSelector, labels);

/** Where a connection goes: pods (namespace and labels, and their container ports by name) or IP ranges outside the cluster. */
export type Destination =
  | {
      readonly pods: {
        readonly namespace: string;
        readonly labels: Readonly<Record<string, string>>;
        readonly namedPorts?: Readonly<Record<string, number>>;
      };
    }
  | { readonly cidrs: readonly string[] };

/** A pod's side of the connection. */
export interface Source {
  readonly namespace: string;
  readonly labels: Readonly<Record<string, string>>;
}

/** A namespace's labels as the API server keeps them: its own plus `kubernetes.io/metadata.name`. */
export function namespaceLabels(state: ClusterState, namespace: string): Record<string, string> {
  const ns = state.objects.find((o) => o.kind === 'Namespace' && o.name === namespace);
  return { ...(obj(obj(ns?.body.metadata).labels) as Record<string, string>), 'kubernetes.io/metadata.name': namespace };
}

const within = (inner: string, outer: string): boolean => {
  const a = parseCidr(inner);
  const b = parseCidr(outer);
  if (!a || !b || a.prefix < b.prefix) return false;
  const size = 2 ** (32 - b.prefix);
  return Math.floor(a.network / size) === Math.floor(b.network / size);
};

function peerMatches(state: ClusterState, peer: Json, policyNamespace: string, dest: Destination, podNetworks: readonly string[]): boolean {
  const ipBlock = obj(peer.ipBlock);
  if (peer.ipBlock) {
    const cidr = String(ipBlock.cidr ?? '');
    const except = (ipBlock.except as string[] | undefined) ?? [];
    // Pods take VPC addresses: an ipBlock reaches them only if it covers every pod network.
    const targets = 'cidrs' in dest ? dest.cidrs : podNetworks;
    return targets.length > 0 && targets.every((t) => within(t, cidr) && !except.some((e) => within(e, t) || within(t, e)));
  }
  if (!('pods' in dest)) return false;
  const namespaceOk = peer.namespaceSelector
    ? selectorMatches(peer.namespaceSelector, namespaceLabels(state, dest.pods.namespace))
    : dest.pods.namespace === policyNamespace;
  const podOk = peer.podSelector ? selectorMatches(peer.podSelector, dest.pods.labels) : true;
  return namespaceOk && podOk;
}

function portMatches(p: Json, protocol: string, port: number, dest: Destination): boolean {
  if ((p.protocol ?? 'TCP') !== protocol) return false;
  if (p.port === undefined) return true;
  const named =
    typeof p.port === 'string' && !/^\d+$/.test(p.port) ? ('pods' in dest ? dest.pods.namedPorts?.[p.port] : undefined) : Number(p.port);
  if (named === undefined) return false;
  const end = typeof p.endPort === 'number' ? p.endPort : named;
  return port >= named && port <= end;
}

const isEgressPolicy = (spec: Json) => {
  const types = spec.policyTypes as string[] | undefined;
  return types ? types.includes('Egress') : spec.egress !== undefined;
};

/** The NetworkPolicies that isolate a pod's egress (none: everything is allowed). */
export function egressPolicies(state: ClusterState, source: Source): StateObject[] {
  return state.objects.filter((o) => {
    if (o.kind !== 'NetworkPolicy' || !o.apiVersion.startsWith('networking.k8s.io/') || o.namespace !== source.namespace) return false;
    const spec = obj(o.body.spec);
    return isEgressPolicy(spec) && selectorMatches(spec.podSelector, source.labels);
  });
}

/**
 * Whether NetworkPolicies let `source` open `protocol/port` to `dest`: allowed
 * when no egress policy selects the pod, else when one rule of one selecting
 * policy matches both a peer and a port (`podNetworks`: the VPC ranges pods use).
 */
export function egressAllowed(
  state: ClusterState,
  source: Source,
  dest: Destination,
  protocol: 'TCP' | 'UDP',
  port: number,
  podNetworks: readonly string[],
): boolean {
  const policies = egressPolicies(state, source);
  if (policies.length === 0) return true;
  // Each range of an IP destination must be reachable, through whichever rule and peer covers it.
  const targets: Destination[] = 'cidrs' in dest ? dest.cidrs.map((cidr) => ({ cidrs: [cidr] })) : [dest];
  return targets.every((d) =>
    policies.some((policy) =>
      list(obj(policy.body.spec).egress).some((rule) => {
        const peers = list(rule.to);
        const ports = list(rule.ports);
        const peerOk = peers.length === 0 || peers.some((peer) => peerMatches(state, peer, policy.namespace ?? '', d, podNetworks));
        const portOk = ports.length === 0 || ports.some((p) => portMatches(p, protocol, port, d));
        return peerOk && portOk;
      }),
    ),
  );
}
