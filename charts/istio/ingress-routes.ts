import { ApiObject, Chart } from 'cdk8s';
import type { Construct } from 'constructs';
import { hasRegionalIngress, INGRESS_GATEWAY_PORTS, ingressHostnames } from '../../config/derive/endpoints.js';
import { resolveLabels } from '../../config/derive/tags.js';
import type { ClusterContext } from '../cluster-context.js';
import { teamNamespace } from '../team-namespaces.js';
import { INGRESS_GATEWAY, INGRESS_NAMESPACE } from './components.js';

/** The Istio Gateway every public route binds to, as `<namespace>/<name>`. */
export const PUBLIC_GATEWAY = 'public-api';
export const PUBLIC_GATEWAY_REF = `${INGRESS_NAMESPACE}/${PUBLIC_GATEWAY}`;

/**
 * The public API inside the cluster: a Gateway on the ingress gateway's plain
 * HTTP port (the regional load balancer ends TLS and forwards to its NodePort,
 * config/derive/endpoints.ts) for the public, regional and failover names, the
 * Route53 health path answered by the gateway itself, and one VirtualService
 * per public service (config.gitops.publicRoutes) in its team's namespace.
 * Rendered only where the environment has a regional ingress.
 */
export class IngressRoutesChart extends Chart {
  constructor(scope: Construct, id: string, ctx: ClusterContext) {
    super(scope, id);
    const { config, target } = ctx;
    if (!hasRegionalIngress(config, target.envName)) return;
    const hosts = ingressHostnames(config, target.envName, target.region);
    const platformLabels = resolveLabels(config, target.envName, { Team: 'platform', Service: 'istio' });

    new ApiObject(this, 'gateway', {
      apiVersion: 'networking.istio.io/v1',
      kind: 'Gateway',
      metadata: { name: PUBLIC_GATEWAY, namespace: INGRESS_NAMESPACE, labels: platformLabels },
      spec: {
        selector: { istio: INGRESS_GATEWAY },
        servers: [{ port: { number: INGRESS_GATEWAY_PORTS.http.port, name: 'http', protocol: 'HTTP' }, hosts }],
      },
    });

    // Route53 health checkers cannot send the origin-verify header; the load balancer lets this one path through.
    const healthPath = config.data[target.envName]?.dnsFailover?.healthCheck.path;
    if (healthPath) {
      new ApiObject(this, 'health', {
        apiVersion: 'networking.istio.io/v1',
        kind: 'VirtualService',
        metadata: { name: 'public-api-health', namespace: INGRESS_NAMESPACE, labels: platformLabels },
        spec: {
          hosts,
          gateways: [PUBLIC_GATEWAY_REF],
          http: [{ name: 'region-health', match: [{ uri: { exact: healthPath } }], directResponse: { status: 200, body: { string: 'ok' } } }],
        },
      });
    }

    for (const service of [...config.services].sort((a, b) => a.name.localeCompare(b.name))) {
      const prefixes = config.gitops.publicRoutes[service.name];
      if (!prefixes) continue;
      const namespace = teamNamespace(service.team);
      new ApiObject(this, `${service.name}-routes`, {
        apiVersion: 'networking.istio.io/v1',
        kind: 'VirtualService',
        metadata: { name: `${service.name}-public`, namespace, labels: resolveLabels(config, target.envName, { Team: service.team, Service: service.name }) },
        spec: {
          hosts,
          gateways: [PUBLIC_GATEWAY_REF],
          http: [
            {
              name: service.name,
              match: [...prefixes].sort().map((prefix) => ({ uri: { prefix } })),
              // The active Service of the blue-green Rollout (charts/rollouts/service-workload.ts).
              route: [{ destination: { host: `${service.name}.${namespace}.svc.cluster.local`, port: { number: service.port } } }],
            },
          ],
        },
      });
    }
  }
}
