import { verdictOf, type K8sRule } from '../types.js';
import { containerSecurity, containersOf, podTemplateOf } from './pod-spec.js';

/** No process can gain more privileges than its parent (setuid binaries, no_new_privs). */
export const noPrivilegeEscalation: K8sRule = {
  id: 'no-privilege-escalation',
  check: (object) => {
    const pod = podTemplateOf(object);
    if (!pod) return 'not-applicable';
    return verdictOf(
      containersOf(pod.spec, ['containers', 'initContainers', 'ephemeralContainers'])
        .filter((c) => containerSecurity(c).allowPrivilegeEscalation !== false)
        .map((c) => `container ${c.name} does not set allowPrivilegeEscalation: false`),
    );
  },
};
