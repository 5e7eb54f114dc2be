import { parseQuantity } from '../config/derive/quantity.js';
import type { Team } from '../config/schema/organization.js';
import type { ServiceDelivery } from '../config/schema/slo.js';
import { MESH_PROXY_RESOURCES } from './istio/names.js';
import { K6_RESOURCES } from './rollouts/k6-resources.js';

/** A team's ResourceQuota `hard`, as the chart renders it. */
export interface TeamQuota {
  readonly 'requests.cpu': string;
  readonly 'requests.memory': string;
  readonly 'limits.cpu': string;
  readonly 'limits.memory': string;
  readonly pods: number;
}

const GI = 2 ** 30;
const cores = (n: number) => String(Math.ceil(n - 1e-9));
const gibibytes = (n: number) => `${Math.ceil(n / GI - 1e-9)}Gi`;
const larger = (configured: string, derived: string) => (parseQuantity(derived) > parseQuantity(configured) ? derived : configured);

/**
 * The team's quota: its configured budget (`teams[].quota`), raised where a
 * blue-green promotion of its services needs more, so a promotion is never
 * refused at admission. Worst case per service: active and preview
 * ReplicaSets both at the HPA maximum, every pod with its proxy, plus the
 * load-test Job; cluster-state rule `quotas-hold-rollouts` re-checks it
 * against the rendered cluster (init containers and LimitRange defaults included).
 * `workloads`: the delivery settings of the team's services.
 */
export function teamQuota(team: Team, workloads: readonly ServiceDelivery[]): TeamQuota {
  const proxy = MESH_PROXY_RESOURCES;
  let requestsCpu = 0;
  let requestsMemory = 0;
  let limitsCpu = 0;
  let limitsMemory = 0;
  let pods = 0;
  for (const d of workloads) {
    const replicas = 2 * d.autoscaling.maxReplicas;
    const r = d.resources;
    requestsCpu +=
      replicas * (parseQuantity(r.cpuRequest) + parseQuantity(proxy.requests.cpu)) +
      parseQuantity(K6_RESOURCES.requests.cpu) +
      parseQuantity(proxy.requests.cpu);
    requestsMemory +=
      replicas * (parseQuantity(r.memoryRequest) + parseQuantity(proxy.requests.memory)) +
      parseQuantity(K6_RESOURCES.requests.memory) +
      parseQuantity(proxy.requests.memory);
    limitsCpu +=
      replicas * (parseQuantity(r.cpuLimit) + parseQuantity(proxy.limits.cpu)) +
      parseQuantity(K6_RESOURCES.limits.cpu) +
      parseQuantity(proxy.limits.cpu);
    limitsMemory +=
      replicas * (parseQuantity(r.memoryLimit) + parseQuantity(proxy.limits.memory)) +
      parseQuantity(K6_RESOURCES.limits.memory) +
      parseQuantity(proxy.limits.memory);
    pods += replicas + 1;
  }
  const q = team.quota;
  return {
    'requests.cpu': larger(q.requestsCpu, cores(requestsCpu)),
    'requests.memory': larger(q.requestsMemory, gibibytes(requestsMemory)),
    'limits.cpu': larger(q.limitsCpu, cores(limitsCpu)),
    'limits.memory': larger(q.limitsMemory, gibibytes(limitsMemory)),
    pods: Math.max(q.pods, pods),
  };
}
