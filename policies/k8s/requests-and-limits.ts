import { verdictOf, type K8sRule } from '../types.js';
import { asObject, containersOf, podTemplateOf } from './pod-spec.js';

/** Containers and init containers declare CPU and memory requests and limits (admission twin: TsRequestsAndLimits). */
export const requestsAndLimits: K8sRule = {
  id: 'requests-and-limits',
  check: (object) => {
    const pod = podTemplateOf(object);
    if (!pod) return 'not-applicable';
    return verdictOf(
      containersOf(pod.spec).flatMap((c) => {
        const resources = asObject(c.body.resources);
        return (['requests', 'limits'] as const).flatMap((section) =>
          (['cpu', 'memory'] as const)
            .filter((r) => {
              const value = asObject(resources[section])[r];
              return value === undefined || value === null || value === '';
            })
            .map((r) => `container ${c.name} sets no resources.${section}.${r}`),
        );
      }),
    );
  },
};
