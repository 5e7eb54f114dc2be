import { mirroredRepository } from '../../config/derive/registry.js';
import type { ExemptInitContainer } from '../../policies/types.js';

/** The init container istiod injects when istio-cni is off (injection-template.yaml). */
export const ISTIO_INIT_CONTAINER = 'istio-init';
/** istiod's `global.proxy_init.image`: the same proxyv2 image as the sidecar. */
export const ISTIO_PROXY_IMAGE = 'istio/proxyv2';

/**
 * Containers the read-only-root-filesystem constraint deliberately admits with
 * a writable root: Istio's istio-init runs iptables as root with NET_ADMIN and
 * NET_RAW and a writable root filesystem. The istio-cni chart that would move
 * that work into a node agent is not vendored, so every injected pod carries
 * istio-init. Narrow on purpose: the name AND the cluster's mirrored proxyv2
 * repository (istiod's hub) must both match, in init containers only
 * (docs/runtime-security.md). The cluster-state check
 * pods-admitted-by-constraints proves the pods istiod injects match it.
 */
export function meshInitExemptions(ecrRegistry: string): ExemptInitContainer[] {
  return [{ name: ISTIO_INIT_CONTAINER, repository: mirroredRepository(ecrRegistry, 'docker-hub', ISTIO_PROXY_IMAGE) }];
}
