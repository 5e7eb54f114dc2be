import type { ClusterView } from '../../config/derive/cluster-view.js';
import { INGRESS_GATEWAY_PORTS } from '../../config/derive/endpoints.js';
import { mirroredRepository } from '../../config/derive/registry.js';
import { labelsOf } from '../../config/derive/tags.js';
import { webhookFields } from '../argocd/ignore-differences.js';
import type { PlatformComponent } from '../platform-components.js';
import { SYNC_WAVES } from '../sync-waves.js';
import { IngressRoutesChart } from './ingress-routes.js';
import { IstioAuthorizationChart } from './istio-authorization.js';
import { IstioMeshChart } from './istio-mesh.js';
import {
  INGRESS_GATEWAY,
  INGRESS_NAMESPACE,
  ISTIO_NAMESPACE,
  ISTIO_VERSION,
  MESH_PROXY_RESOURCES,
  resources,
  TRACING_PROVIDER,
} from './names.js';

const ISTIO_CHARTS = 'https://istio-release.storage.googleapis.com/charts';

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

function istiodValues(view: ClusterView): Record<string, unknown> {
  const { tracing } = view.gitops;
  return {
    global: { hub: mirroredRepository(view.facts.ecrRegistry, 'docker-hub', 'istio'), tag: ISTIO_VERSION, istioNamespace: ISTIO_NAMESPACE },
    meshConfig: {
      enableTracing: true,
      defaultConfig: { holdApplicationUntilProxyStarts: true },
      extensionProviders: [{ name: TRACING_PROVIDER, opentelemetry: { service: tracing.service, port: tracing.port } }],
    },
  };
}

/** Istio: CRDs, the control plane, the ingress gateway, then the mesh policy (charts/istio/*). */
export const ISTIO_COMPONENTS: readonly PlatformComponent[] = [
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
        global: { proxy: { resources: MESH_PROXY_RESOURCES } },
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
            {
              name: 'status-port',
              port: INGRESS_GATEWAY_PORTS.status.port,
              targetPort: INGRESS_GATEWAY_PORTS.status.port,
              nodePort: INGRESS_GATEWAY_PORTS.status.nodePort,
              protocol: 'TCP',
            },
            {
              name: 'http2',
              port: INGRESS_GATEWAY_PORTS.http.port,
              targetPort: INGRESS_GATEWAY_PORTS.http.port,
              nodePort: INGRESS_GATEWAY_PORTS.http.nodePort,
              protocol: 'TCP',
            },
          ],
        },
      },
    },
  },
  {
    name: 'istio-mesh',
    namespace: ISTIO_NAMESPACE,
    syncWave: SYNC_WAVES.config,
    charts: [
      {
        id: 'istio-mesh',
        render: (scope, id, view) =>
          new IstioMeshChart(scope, id, {
            labels: labelsOf(view.labels, { Team: 'platform', Service: 'istio' }),
            samplingPercentage: view.gitops.tracing.samplingPercentage,
            envName: view.envName,
            region: view.region,
          }),
      },
      {
        id: 'istio-authorization',
        render: (scope, id, view) =>
          new IstioAuthorizationChart(scope, id, {
            labels: view.labels,
            services: view.services,
            publicServices: view.gitops.publicServices,
          }),
      },
    ],
  },
  {
    name: 'istio-ingress-routes',
    namespace: INGRESS_NAMESPACE,
    // After the gateway (its Service and pods) and the team namespaces the VirtualServices live in.
    syncWave: SYNC_WAVES.config,
    charts: [
      {
        id: 'istio-ingress-routes',
        render: (scope, id, view) =>
          new IngressRoutesChart(scope, id, {
            labels: view.labels,
            hostnames: view.ingress?.hostnames ?? [],
            ...(view.ingress?.healthPath ? { healthPath: view.ingress.healthPath } : {}),
            services: view.services,
            publicRoutes: view.gitops.publicRoutes,
          }),
      },
    ],
    enabled: (view) => view.ingress !== undefined,
  },
];
