/** One Istio release for base, istiod, gateway and proxies: they must match. */
export const ISTIO_VERSION = '1.28.0';
export const ISTIO_NAMESPACE = 'istio-system';
export const INGRESS_NAMESPACE = 'istio-ingress';
/** Name (and `istio` label) of the ingress gateway's pods. */
export const INGRESS_GATEWAY = 'istio-ingressgateway';
/** Name of the mesh extension provider that ships spans to Tempo. */
export const TRACING_PROVIDER = 'tempo';

/** A container's requests and limits, as Helm values and the quota arithmetic read them. */
export interface ContainerResources {
  readonly requests: { readonly cpu: string; readonly memory: string };
  readonly limits: { readonly cpu: string; readonly memory: string };
}

export const resources = (cpu: string, memory: string, cpuLimit: string, memoryLimit: string): ContainerResources => ({
  requests: { cpu, memory },
  limits: { cpu: cpuLimit, memory: memoryLimit },
});

/**
 * The sidecar istiod injects into every team pod (istiod's `global.proxy.resources`;
 * its istio-init gets the same size): the team quotas reserve it for every pod.
 */
export const MESH_PROXY_RESOURCES = resources('100m', '128Mi', '1', '512Mi');
