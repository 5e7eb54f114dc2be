import { ApiObject, Chart } from 'cdk8s';
import type { Construct } from 'constructs';
import { teamNamespace } from '../../config/derive/cluster-names.js';
import { INGRESS_GATEWAY_PORTS } from '../../config/derive/endpoints.js';
import { labelsOf, type LabelBasis } from '../../config/derive/tags.js';
import type { Service } from '../../config/schema/service.js';
import { INGRESS_GATEWAY, INGRESS_NAMESPACE } from './names.js';

/** The Istio Gateway every public route binds to, as `<namespace>/<name>`. */
export const PUBLIC_GATEWAY = 'public-api';
export const PUBLIC_GATEWAY_REF = `${INGRESS_NAMESPACE}/${PUBLIC_GATEWAY}`;

export interface IngressRoutesProps {
  readonly labels: LabelBasis;
  /** Every name the regional load balancer answers (config/derive/endpoints.ts ingressHostnames). */
  readonly hostnames: readonly string[];
  /** Route53's health check path, answered by the gateway itself. @default none: no DNS failover */
  readonly healthPath?: string;
  readonly services: readonly Service[];
  /** URI prefixes per public service (config.gitops.publicRoutes). */
  readonly publicRoutes: Readonly<Record<string, readonly string[]>>;
}

/**
 * The public API inside the cluster: a Gateway on the ingress gateway's plain
 * HTTP port (the regional load balancer ends TLS and forwards to its NodePort,
 * config/derive/endpoints.ts) for the public, regional and failover names, the
 * Route53 health path answered by the gateway itself, and one VirtualService
 * per public service (config.gitops.publicRoutes) in its team's namespace.
 * Installed only where the environment has a regional ingress (components.ts).
 */
export class IngressRoutesChart extends Chart {
  constructor(scope: Construct, id: string, props: IngressRoutesProps) {
    super(scope, id);
    const hosts = [...props.hostnames];
    const platformLabels = labelsOf(props.labels, { Team: 'platform', Service: 'istio' });

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
    const { healthPath } = props;
    if (healthPath) {
      new ApiObject(this, 'health', {
        apiVersion: 'networking.istio.io/v1',
        kind: 'VirtualService',
        metadata: { name: 'public-api-health', namespace: INGRESS_NAMESPACE, labels: platformLabels },
        spec: {
          hosts,
          gateways: [PUBLIC_GATEWAY_REF],
          http: [
            { name: 'region-health', match: [{ uri: { exact: healthPath } }], directResponse: { status: 200, body: { string: 'ok' } } },
          ],
        },
      });
    }

    for (const service of [...props.services].sort((a, b) => a.name.localeCompare(b.name))) {
      const prefixes = props.publicRoutes[service.name];
      if (!prefixes) continue;
      const namespace = teamNamespace(service.team);
      new ApiObject(this, `${service.name}-routes`, {
        apiVersion: 'networking.istio.io/v1',
        kind: 'VirtualService',
        metadata: {
          name: `${service.name}-public`,
          namespace,
          labels: labelsOf(props.labels, { Team: service.team, Service: service.name }),
        },
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
