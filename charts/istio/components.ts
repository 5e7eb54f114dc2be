import { hasRegionalIngress, INGRESS_GATEWAY_PORTS } from '../../config/derive/endpoints.js';
import { mirroredRepository } from '../argocd/helm-values.js';
import { webhookFields } from '../argocd/ignore-differences.js';
import { SYNC_WAVES } from '../argocd/sync-waves.js';
import type { ClusterContext } from '../cluster-context.js';
import type { PlatformComponent } from '../platform-components.js';

const ISTIO_CHARTS = 'https://istio-release.storage.googleapis.com/charts';
/** One Istio release for base, istiod, gateway and proxies: they must match. */
export const ISTIO_VERSION = '1.28.0';
export const ISTIO_NAMESPACE = 'istio-system';
export const INGRESS_NAMESPACE = 'istio-ingress';
/** Name (and `istio` label) of the ingress gateway's pods. */
export const INGRESS_GATEWAY = 'istio-ingressgateway';
/** Name of the mesh extension provider that ships spans to Tempo. */
export const TRACING_PROVIDER = 'tempo';

const ISTIO_CRDS = [
  'networking.istio.io/DestinationRule',
  'networking.istio.io/EnvoyFilter',
  'networking.istio.io/Gateway',
  'networking.istio.io/ProxyConfig',
  'networking.istio.io/ServiceEntry',
  'networking.istio.io/Sidecar',
  'networking.istio.io/VirtualService',
  'networking.istio.io/WorkloadEntry',
  'networking.istio.io/WorkloadGroup',
  'security.istio.io/AuthorizationPolicy',
  'security.istio.io/PeerAuthentication',
  'security.istio.io/RequestAuthentication',
  'telemetry.istio.io/Telemetry',
  'extensions.istio.io/WasmPlugin',
];

const resources = (cpu: string, memory: string, cpuLimit: string, memoryLimit: string) => ({
  requests: { cpu, memory },
  limits: { cpu: cpuLimit, memory: memoryLimit },
});

function istiodValues(ctx: ClusterContext): Record<string, unknown> {
  const { tracing } = ctx.config.gitops;
  return {
    global: { hub: mirroredRepository(ctx, 'docker-hub', 'istio'), tag: ISTIO_VERSION, istioNamespace: ISTIO_NAMESPACE },
    meshConfig: {
      enableTracing: true,
      defaultConfig: { holdApplicationUntilProxyStarts: true },
      extensionProviders: [{ name: TRACING_PROVIDER, opentelemetry: { service: tracing.service, port: tracing.port } }],
    },
  };
}

/** Istio: CRDs, the control plane, the ingress gateway, then the mesh policy (charts/istio/*). */
export const ISTIO_COMPONENTS: PlatformComponent[] = [
  {
    name: 'istio-base',
    namespace: ISTIO_NAMESPACE,
    syncWave: SYNC_WAVES.crds,
    helm: { repoURL: ISTIO_CHARTS, chart: 'base', version: ISTIO_VERSION, values: { defaultRevision: 'default' } },
    // Deleting the CRDs would delete every mesh policy with them.
    prune: false,
    serverSideApply: true,
    providesCrds: ISTIO_CRDS,
    // istiod injects the default validator's CA and switches it to fail-closed once it serves.
    ignoreDifferences: [webhookFields('ValidatingWebhookConfiguration', 'istiod-default-validator', ['caBundle', 'failurePolicy'])],
    respectIgnoreDifferences: true,
  },
  {
    name: 'istiod',
    namespace: ISTIO_NAMESPACE,
    syncWave: SYNC_WAVES.operators,
    helm: {
      repoURL: ISTIO_CHARTS,
      chart: 'istiod',
      version: ISTIO_VERSION,
      values: {
        pilot: { autoscaleMin: 2, resources: resources('500m', '2Gi', '2', '4Gi') },
        global: { proxy: { resources: resources('100m', '128Mi', '1', '512Mi') } },
      },
      clusterValues: istiodValues,
    },
    // istiod injects its webhooks' CA and switches its validator to fail-closed once it serves.
    ignoreDifferences: [
      webhookFields('ValidatingWebhookConfiguration', `istio-validator-${ISTIO_NAMESPACE}`, ['caBundle', 'failurePolicy']),
      webhookFields('MutatingWebhookConfiguration', 'istio-sidecar-injector', ['caBundle']),
    ],
    respectIgnoreDifferences: true,
  },
  {
    name: 'istio-ingress',
    namespace: INGRESS_NAMESPACE,
    // The gateway's proxy is injected by istiod, so istiod must be running first.
    syncWave: SYNC_WAVES.operatorAddons,
    helm: {
      repoURL: ISTIO_CHARTS,
      chart: 'gateway',
      version: ISTIO_VERSION,
      values: {
        name: INGRESS_GATEWAY,
        labels: { istio: INGRESS_GATEWAY },
        autoscaling: { minReplicas: 2 },
        resources: resources('250m', '256Mi', '2', '1Gi'),
        // The regional load balancer (stacks/ingress.ts) reaches the gateway on fixed node ports; TLS ends there.
        service: {
          type: 'NodePort',
          ports: [
            { name: 'status-port', port: INGRESS_GATEWAY_PORTS.status.port, targetPort: INGRESS_GATEWAY_PORTS.status.port, nodePort: INGRESS_GATEWAY_PORTS.status.nodePort, protocol: 'TCP' },
            { name: 'http2', port: INGRESS_GATEWAY_PORTS.http.port, targetPort: INGRESS_GATEWAY_PORTS.http.port, nodePort: INGRESS_GATEWAY_PORTS.http.nodePort, protocol: 'TCP' },
          ],
        },
      },
    },
  },
  {
    name: 'istio-mesh',
    namespace: ISTIO_NAMESPACE,
    syncWave: SYNC_WAVES.config,
    manifests: ['istio-mesh.k8s.yaml', 'istio-authorization.k8s.yaml'],
  },
  {
    name: 'istio-ingress-routes',
    namespace: INGRESS_NAMESPACE,
    // After the gateway (its Service and pods) and the team namespaces the VirtualServices live in.
    syncWave: SYNC_WAVES.config,
    manifests: ['istio-ingress-routes.k8s.yaml'],
    enabled: (ctx) => hasRegionalIngress(ctx.config, ctx.target.envName),
  },
];
