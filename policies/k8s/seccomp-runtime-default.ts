import { verdictOf, type K8sRule } from '../types.js';
import { asObject, containersOf, podTemplateOf, securityField } from './pod-spec.js';

const CONFINED = ['RuntimeDefault', 'Localhost'];

/** Every container runs under the runtime's default seccomp profile (or a named local one), never Unconfined. */
export const seccompRuntimeDefault: K8sRule = {
  id: 'seccomp-runtime-default',
  check: (object) => {
    const pod = podTemplateOf(object);
    if (!pod) return 'not-applicable';
    return verdictOf(
      containersOf(pod.spec, ['containers', 'initContainers', 'ephemeralContainers'])
        .filter((c) => !CONFINED.includes(String(asObject(securityField(c, pod.spec, 'seccompProfile')).type)))
        .map((c) => `container ${c.name} has no seccompProfile RuntimeDefault`),
    );
  },
};
