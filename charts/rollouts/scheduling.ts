import type { k8s } from 'cdk8s-plus-28';
import type { EnvName } from '../../config/derive/stack-environment.js';
import type { CapacityMode } from '../../config/schema/cost.js';
import type { Environment } from '../../config/schema/environment.js';
import type { Service } from '../../config/schema/service.js';

/** The well-known label Karpenter puts on every node it launches: `spot` or `on-demand`. */
export const CAPACITY_TYPE_LABEL = 'karpenter.sh/capacity-type';

/** What a cluster offers the services' pods. */
export interface ClusterCapacity {
  readonly envName: EnvName;
  readonly tier: Environment['tier'];
  /** The environment's workload capacity (cost.environments.<env>.capacity). */
  readonly capacity: CapacityMode;
}

/**
 * Where a service's pods may run. An order-path service in production runs on
 * on-demand nodes only: a spot reclaim gives two minutes' notice, and orders in
 * flight on the reclaimed node would be dropped. Karpenter's on-demand NodePool
 * provides them; other services, and every service in dev and staging, take
 * the cheaper spot capacity Karpenter prefers. Throws when a production
 * environment with order-path services has no on-demand workload capacity.
 */
export function serviceAffinity(cluster: ClusterCapacity, service: Service): k8s.Affinity | undefined {
  if (!service.orderPath || cluster.tier !== 'production') return undefined;
  const { capacity, envName } = cluster;
  if (capacity !== 'karpenter') {
    throw new Error(
      `services[${service.name}].orderPath needs on-demand workload capacity in ${envName}, and capacity '${capacity}' has only a spot workload group: set cost.environments.${envName}.capacity to 'karpenter'`,
    );
  }
  return {
    nodeAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: {
        nodeSelectorTerms: [{ matchExpressions: [{ key: CAPACITY_TYPE_LABEL, operator: 'In', values: ['on-demand'] }] }],
      },
    },
  };
}
