import { verdictOf, type K8sRule } from '../types.js';
import { containerSecurity, containersOf, podTemplateOf } from './pod-spec.js';

/** Containers and init containers mount their root filesystem read-only (admission twin: TsReadOnlyRootFilesystem). */
export const readOnlyRootFilesystem: K8sRule = {
  id: 'read-only-root-filesystem',
  check: (object) => {
    const pod = podTemplateOf(object);
    if (!pod) return 'not-applicable';
    return verdictOf(
      containersOf(pod.spec)
        .filter((c) => containerSecurity(c).readOnlyRootFilesystem !== true)
        .map((c) => `container ${c.name} has a writable root filesystem`),
    );
  },
};
