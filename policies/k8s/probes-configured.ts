import { verdictOf, type K8sRule } from '../types.js';
import { containersOf, LONG_RUNNING_KINDS, podTemplateOf } from './pod-spec.js';

/** Long-running workloads tell Kubernetes when a container is ready and when it is stuck. */
export const probesConfigured: K8sRule = {
  id: 'probes-configured',
  check: (object) => {
    const pod = podTemplateOf(object);
    if (!pod || !LONG_RUNNING_KINDS.has(object.kind)) return 'not-applicable';
    return verdictOf(
      containersOf(pod.spec, ['containers']).flatMap((c) =>
        (['readinessProbe', 'livenessProbe'] as const).filter((p) => c.body[p] === undefined).map((p) => `container ${c.name} has no ${p}`),
      ),
    );
  },
};
