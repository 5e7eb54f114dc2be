import type { k8s } from 'cdk8s-plus-28';
import { capacityOf } from '../../config/derive/cost.js';
import type { Service } from '../../config/schema/service.js';
import type { ClusterContext } from '../cluster-context.js';

/** The well-known label Karpenter puts on every node it launches: `spot` or `on-demand`. */
export const CAPACITY_TYPE_LABEL = 'karpenter.sh/capacity-type';

/**
 * Where a service's pods may run. An order-path service in production runs on
 * on-demand nodes only: a spot reclaim gives two minutes' notice, and orders in
 * flight on the reclaimed node would be dropped. Karpenter's on-demand NodePool
 * provides them; other services, and every service in dev and staging, take
 * the cheaper spot capacity Karpenter prefers. Throws when a production
 * environment with order-path services has no on-demand workload capacity.
 */
export function serviceAffinity(ctx: ClusterContext, service: Service): k8s.Affinity | undefined {
  if (!service.orderPath || ctx.target.env.tier !== 'production') return undefined;
  const capacity = capacityOf(ctx.config, ctx.target.envName);
  if (capacity !== 'karpenter') {
    throw new Error(
      `services[${service.name}].orderPath needs on-demand workload capacity in ${ctx.target.envName}, and capacity '${capacity}' has only a spot workload group: set cost.environments.${ctx.target.envName}.capacity to 'karpenter'`,
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
