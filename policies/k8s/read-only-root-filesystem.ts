import { verdictOf, type ExemptInitContainer, type K8sRule } from '../types.js';
import { containerSecurity, containersOf, podTemplateOf, type Container } from './pod-spec.js';

/**
 * Whether a container is one of the exempt init containers: its name AND its
 * image's repository (`<repository>:<tag>` or `<repository>@<digest>`) match, and
 * it is an init container. A look-alike under another image stays denied.
 */
export function isExemptInitContainer(container: Container, exempt: readonly ExemptInitContainer[] = []): boolean {
  const image = String(container.body.image ?? '');
  return (
    container.field === 'initContainers' &&
    exempt.some((e) => container.name === e.name && (image.startsWith(`${e.repository}:`) || image.startsWith(`${e.repository}@`)))
  );
}

/**
 * Containers and init containers mount their root filesystem read-only
 * (admission twin: TsReadOnlyRootFilesystem), except the exempt init containers
 * of the context (the mesh's istio-init, which must write iptables state as root).
 */
export const readOnlyRootFilesystem: K8sRule = {
  id: 'read-only-root-filesystem',
  check: (object, ctx) => {
    const pod = podTemplateOf(object);
    if (!pod) return 'not-applicable';
    return verdictOf(
      containersOf(pod.spec)
        .filter((c) => containerSecurity(c).readOnlyRootFilesystem !== true && !isExemptInitContainer(c, ctx.exemptInitContainers))
        .map((c) => `container ${c.name} has a writable root filesystem`),
    );
  },
};
