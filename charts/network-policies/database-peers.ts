import type { k8s } from 'cdk8s-plus-28';
import { databasePort } from '../../config/derive/database-port.js';
import { planSubnets } from '../../constructs/aws/subnet-plan.js';
import type { ClusterContext } from '../cluster-context.js';

/**
 * Where the environment database lives, seen from this cluster: the isolated
 * subnets of the cluster's own VPC (the RDS writer, or the replica promoted in
 * this region after a failover) and the engine's port. Undefined when the
 * environment has no database.
 */
export function databasePeers(ctx: ClusterContext): { cidrs: string[]; peers: k8s.NetworkPolicyPeer[]; port: number } | undefined {
  const database = ctx.config.data[ctx.target.envName]?.database;
  if (!database) return undefined;
  const cidrs = [...planSubnets(ctx.target.spec.vpcCidr).isolated];
  return { cidrs, peers: cidrs.map((cidr) => ({ ipBlock: { cidr } })), port: databasePort(database) };
}
