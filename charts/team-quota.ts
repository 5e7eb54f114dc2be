import { parseQuantity } from '../config/derive/quantity.js';
import type { Team } from '../config/schema/organization.js';
import type { PlatformConfig } from '../config/schema/platform.js';
import { ISTIO_COMPONENTS } from './istio/components.js';
import { K6_RESOURCES } from './rollouts/analysis-templates.js';

interface Resources {
  readonly requests: { readonly cpu: string; readonly memory: string };
  readonly limits: { readonly cpu: string; readonly memory: string };
}

/** The sidecar istiod injects into every team pod (its istio-init gets the same size). */
export function meshProxyResources(): Resources {
  const values = ISTIO_COMPONENTS.find((c) => c.name === 'istiod')?.helm?.values as { global?: { proxy?: { resources?: Resources } } } | undefined;
  const resources = values?.global?.proxy?.resources;
  if (!resources?.requests.cpu || !resources.limits.memory) {
    throw new Error("istiod's values set no global.proxy.resources (charts/istio/components.ts): the team quotas need the sidecar's requests and limits");
  }
  return resources;
}

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
 */
export function teamQuota(config: PlatformConfig, team: Team): TeamQuota {
  const proxy = meshProxyResources();
  let requestsCpu = 0;
  let requestsMemory = 0;
  let limitsCpu = 0;
  let limitsMemory = 0;
  let pods = 0;
  for (const service of config.services.filter((s) => s.team === team.name)) {
    const d = config.delivery.services[service.name];
    if (!d) continue;
    const replicas = 2 * d.autoscaling.maxReplicas;
    const r = d.resources;
    requestsCpu += replicas * (parseQuantity(r.cpuRequest) + parseQuantity(proxy.requests.cpu)) + parseQuantity(K6_RESOURCES.requests.cpu) + parseQuantity(proxy.requests.cpu);
    requestsMemory += replicas * (parseQuantity(r.memoryRequest) + parseQuantity(proxy.requests.memory)) + parseQuantity(K6_RESOURCES.requests.memory) + parseQuantity(proxy.requests.memory);
    limitsCpu += replicas * (parseQuantity(r.cpuLimit) + parseQuantity(proxy.limits.cpu)) + parseQuantity(K6_RESOURCES.limits.cpu) + parseQuantity(proxy.limits.cpu);
    limitsMemory += replicas * (parseQuantity(r.memoryLimit) + parseQuantity(proxy.limits.memory)) + parseQuantity(K6_RESOURCES.limits.memory) + parseQuantity(proxy.limits.memory);
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
