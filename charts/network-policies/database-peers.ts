import type { k8s } from 'cdk8s-plus-28';
import { planSubnets } from '../../constructs/aws/subnet-plan.js';

/** The environment database as this cluster's pods reach it. */
export interface DatabaseReach {
  readonly cidrs: string[];
  readonly peers: k8s.NetworkPolicyPeer[];
  readonly port: number;
}

/**
 * Where the environment database lives, seen from a cluster: the isolated
 * subnets of the cluster's own VPC (`vpcCidr`; the RDS writer, or the replica
 * promoted in this region after a failover) and the engine's port. Undefined
 * when the environment has no database.
 */
export function databasePeers(database: { readonly port: number } | undefined, vpcCidr: string): DatabaseReach | undefined {
  if (!database) return undefined;
  const cidrs = [...planSubnets(vpcCidr).isolated];
  return { cidrs, peers: cidrs.map((cidr) => ({ ipBlock: { cidr } })), port: database.port };
}
