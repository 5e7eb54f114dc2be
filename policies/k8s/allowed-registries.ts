import { verdictOf, type K8sRule } from '../types.js';
import { fromRegistry } from './image-reference.js';
import { containersOf, podTemplateOf } from './pod-spec.js';

/** Images come from the cluster's ECR registry (upstream ones through its pull-through cache). Twin: TsAllowedRegistries. */
export const allowedRegistries: K8sRule = {
  id: 'allowed-registries',
  check: (object, ctx) => {
    const pod = podTemplateOf(object);
    if (!pod) return 'not-applicable';
    return verdictOf(
      containersOf(pod.spec, ['containers', 'initContainers', 'ephemeralContainers'])
        .filter((c) => !fromRegistry(String(c.body.image), ctx.allowedRegistries))
        .map((c) => `container ${c.name} pulls ${String(c.body.image)}, not from ${ctx.allowedRegistries.join(' or ')}`),
    );
  },
};
