import { verdictOf, type K8sRule } from '../types.js';
import { containersOf, podTemplateOf, securityField } from './pod-spec.js';

/** Every container runs as a non-root user (runAsNonRoot, or a non-zero runAsUser; its own or the pod's). */
export const runAsNonRoot: K8sRule = {
  id: 'run-as-non-root',
  check: (object) => {
    const pod = podTemplateOf(object);
    if (!pod) return 'not-applicable';
    return verdictOf(
      containersOf(pod.spec, ['containers', 'initContainers', 'ephemeralContainers']).flatMap((c) => {
        const user = securityField(c, pod.spec, 'runAsUser');
        if (user === 0) return [`container ${c.name} sets runAsUser: 0`];
        const nonRoot = securityField(c, pod.spec, 'runAsNonRoot') === true || (typeof user === 'number' && user > 0);
        return nonRoot ? [] : [`container ${c.name} may run as root (no runAsNonRoot: true)`];
      }),
    );
  },
};
