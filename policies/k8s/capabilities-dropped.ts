import { verdictOf, type K8sRule } from '../types.js';
import { asObject, containerSecurity, containersOf, podTemplateOf } from './pod-spec.js';

/** Every container drops all Linux capabilities (adding back only what it needs is allowed). */
export const capabilitiesDropped: K8sRule = {
  id: 'capabilities-dropped',
  check: (object) => {
    const pod = podTemplateOf(object);
    if (!pod) return 'not-applicable';
    return verdictOf(
      containersOf(pod.spec, ['containers', 'initContainers', 'ephemeralContainers'])
        .filter((c) => {
          const drop = asObject(containerSecurity(c).capabilities).drop;
          return !(Array.isArray(drop) && drop.includes('ALL'));
        })
        .map((c) => `container ${c.name} does not drop ALL capabilities`),
    );
  },
};
