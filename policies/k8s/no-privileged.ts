import { verdictOf, type K8sRule } from '../types.js';
import { containerSecurity, containersOf, podTemplateOf } from './pod-spec.js';

/** No container is privileged. Twin: TsNoPrivileged. */
export const noPrivileged: K8sRule = {
  id: 'no-privileged',
  check: (object) => {
    const pod = podTemplateOf(object);
    if (!pod) return 'not-applicable';
    return verdictOf(
      containersOf(pod.spec, ['containers', 'initContainers', 'ephemeralContainers'])
        .filter((c) => containerSecurity(c).privileged === true)
        .map((c) => `container ${c.name} is privileged`),
    );
  },
};
