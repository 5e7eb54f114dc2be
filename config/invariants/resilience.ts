import type { PlatformConfig } from '../schema/platform.js';
import type { Invariant } from './invariant.js';

/** Nodes the system pool of a production environment keeps at least: one AZ can fail and CoreDNS, Argo CD and the webhooks still run. */
export const PRODUCTION_SYSTEM_NODES = 2;

const production = (c: PlatformConfig) =>
  Object.entries(c.environments)
    .filter(([, env]) => env.tier === 'production')
    .sort(([a], [b]) => a.localeCompare(b));

/**
 * What a production-tier environment (by tier, whatever its name) needs to survive
 * the loss of one availability zone. Every VPC spans three AZs (constructs/aws/vpc.ts)
 * and the node groups use all three private subnets; these rules make the rest follow.
 */
export const RESILIENCE_INVARIANTS: Invariant[] = [
  {
    id: 'production-nat-per-az',
    check: (c) =>
      production(c)
        .filter(([, env]) => env.network.natGateways !== 'per-az')
        .map(([name]) => ({
          path: ['environments', name, 'network', 'natGateways'],
          message: `production environment '${name}' has a single NAT gateway: when its AZ fails, every private subnet loses egress (image pulls, AWS APIs); set 'per-az'`,
        })),
  },
  {
    id: 'production-database-multi-az',
    check: (c) =>
      production(c)
        .filter(([name]) => c.data[name] && !c.data[name]?.database.multiAz)
        .map(([name]) => ({
          path: ['data', name, 'database', 'multiAz'],
          message: `the database of production environment '${name}' runs in one AZ: an AZ outage stops it until a DR promotion; set multiAz: true (a synchronous standby in another AZ)`,
        })),
  },
  {
    id: 'production-system-pool-spans-azs',
    check: (c) =>
      production(c)
        .filter(([, env]) => env.eks.nodePools.system.minSize < PRODUCTION_SYSTEM_NODES)
        .map(([name, env]) => ({
          path: ['environments', name, 'eks', 'nodePools', 'system', 'minSize'],
          message: `the system node pool of production environment '${name}' may shrink to ${env.eks.nodePools.system.minSize} node(s), all in one AZ; set minSize to at least ${PRODUCTION_SYSTEM_NODES} so the group keeps nodes in two of the VPC's three AZs`,
        })),
  },
];
