import { COLLECTOR_SERVICE } from '../../charts/observability/apm.js';
import { describe, expect, test } from 'vitest';
import { ISTIO_COMPONENTS } from '../../charts/istio/components.js';
import { ISTIO_VERSION } from '../../charts/istio/names.js';
import { SYNC_WAVES } from '../../charts/sync-waves.js';
import { clusterAt, clusterWith, findObject, findObjects, type K8sObject, renderedClusters } from '../support/manifests.js';
import { configWith } from '../support/platform.js';

const prod = clusterAt('prod/us-east-1');
const spec = (o: K8sObject) => o.spec as Record<string, any>;
const allowPolicy = (cluster: typeof prod, service: string, namespace: string) =>
  spec(findObject(cluster, { kind: 'AuthorizationPolicy', name: `allow-${service}`, namespace }));

describe('Istio components', () => {
  test('base, istiod and the gateway come from one pinned Istio release, in that order', () => {
    const helm = ISTIO_COMPONENTS.filter((c) => c.helm);
    expect(helm.map((c) => [c.name, c.helm?.chart, c.helm?.version])).toEqual([
      ['istio-base', 'base', ISTIO_VERSION],
      ['istiod', 'istiod', ISTIO_VERSION],
      ['istio-ingress', 'gateway', ISTIO_VERSION],
    ]);
    expect(helm.map((c) => c.syncWave)).toEqual([...helm.map((c) => c.syncWave)].sort((a, b) => a - b));
    expect(ISTIO_COMPONENTS.find((c) => c.name === 'istio-base')?.providesCrds).toEqual(
      expect.arrayContaining([
        'security.istio.io/PeerAuthentication',
        'security.istio.io/AuthorizationPolicy',
        'telemetry.istio.io/Telemetry',
      ]),
    );
  });

  test('istiod ships traces to Tempo through a mesh extension provider from config', () => {
    const values = spec(findObject(prod, { kind: 'Application', name: 'istiod' })).source.helm.valuesObject;
    expect(values.meshConfig.extensionProviders).toEqual([{ name: 'tempo', opentelemetry: { service: COLLECTOR_SERVICE, port: 4317 } }]);
  });
});

describe('mesh-wide policy', () => {
  test.each(renderedClusters().map((c) => [c.dir, c] as const))(
    '%s: mTLS is STRICT mesh-wide (root namespace, no selector)',
    (_dir, cluster) => {
      const peers = findObjects(cluster, { kind: 'PeerAuthentication' });
      expect(peers).toHaveLength(1);
      expect(peers[0]?.metadata).toMatchObject({ name: 'default', namespace: 'istio-system' });
      expect(peers[0]?.spec).toEqual({ mtls: { mode: 'STRICT' } });
    },
  );

  test('Telemetry sends sampled traces to the tempo provider', () => {
    const telemetry = spec(findObject(prod, { kind: 'Telemetry', namespace: 'istio-system' }));
    expect(telemetry.tracing).toEqual([expect.objectContaining({ providers: [{ name: 'tempo' }], randomSamplingPercentage: 10 })]);
  });

  test('the sampling rate follows config', () => {
    const config = configWith((i) => {
      i.gitops = { ...i.gitops, tracing: { service: 'tempo.observability.svc.cluster.local', port: 4317, samplingPercentage: 1 } };
    });
    const telemetry = spec(findObject(clusterWith(config, 'dev/us-east-1'), { kind: 'Telemetry' }));
    expect(telemetry.tracing[0].randomSamplingPercentage).toBe(1);
  });
});

describe('authorization', () => {
  test('every team namespace denies by default', () => {
    const denies = findObjects(prod, { kind: 'AuthorizationPolicy', name: 'default-deny' });
    expect(denies.map((d) => d.metadata.namespace).sort()).toEqual(['team-market-data', 'team-portfolio', 'team-risk', 'team-trading']);
    for (const d of denies) expect(d.spec).toEqual({});
  });

  test('market-data-feed admits exactly its callers from config, on its port', () => {
    const allow = allowPolicy(prod, 'market-data-feed', 'team-market-data');
    expect(allow.action).toBe('ALLOW');
    expect(allow.selector).toEqual({ matchLabels: { 'app.kubernetes.io/name': 'market-data-feed' } });
    expect(allow.rules).toEqual([
      {
        from: [
          {
            source: {
              principals: [
                'cluster.local/ns/team-market-data/sa/market-data-feed-load-test',
                'cluster.local/ns/team-portfolio/sa/portfolio-api',
                'cluster.local/ns/team-risk/sa/risk-engine',
                'cluster.local/ns/team-trading/sa/order-gateway',
              ],
            },
          },
        ],
        to: [{ operation: { ports: ['8080'] } }],
      },
    ]);
  });

  test('public services admit the ingress gateway; internal ones do not', () => {
    const gateway = 'cluster.local/ns/istio-ingress/sa/istio-ingressgateway';
    expect(allowPolicy(prod, 'order-gateway', 'team-trading').rules[0].from[0].source.principals).toEqual([
      'cluster.local/ns/istio-ingress/sa/istio-ingressgateway',
      'cluster.local/ns/team-trading/sa/order-gateway-load-test',
    ]);
    expect(allowPolicy(prod, 'risk-engine', 'team-risk').rules[0].from[0].source.principals).not.toContain(gateway);
  });

  test('a service nobody calls and not public admits only its own load test', () => {
    const config = configWith((i) => {
      i.gitops = { ...i.gitops, publicServices: [], publicRoutes: {} };
      if (i.security.edge?.prod) i.security.edge.prod.writePaths = [];
    });
    const cluster = clusterWith(config, 'dev/us-east-1');
    const [allow] = findObjects(cluster, { kind: 'AuthorizationPolicy', name: 'allow-order-gateway' });
    expect((allow?.spec as any).rules[0].from[0].source.principals).toEqual(['cluster.local/ns/team-trading/sa/order-gateway-load-test']);
    expect(findObjects(cluster, { kind: 'AuthorizationPolicy', name: 'default-deny', namespace: 'team-trading' })).toHaveLength(1);
  });

  test('a public service must exist', () => {
    expect(() =>
      configWith((i) => {
        i.gitops = { ...i.gitops, publicServices: ['order-gatway'] };
      }),
    ).toThrow(/public service 'order-gatway' is not in services/);
  });

  test('team namespaces get sidecar injection', () => {
    for (const ns of findObjects(prod, { kind: 'Namespace', file: 'team-namespaces.k8s.yaml' })) {
      expect(ns.metadata.labels?.['istio-injection']).toBe('enabled');
    }
  });
});

describe('public ingress routes', () => {
  const routes = (cluster: typeof prod) => findObjects(cluster, { file: 'istio-ingress-routes.k8s.yaml' });

  test('a Gateway on the ingress gateway pods, plain HTTP from the load balancer, for the public, regional and failover names', () => {
    const gateway = spec(findObject(prod, { kind: 'Gateway', name: 'public-api', namespace: 'istio-ingress' }));
    expect(gateway).toEqual({
      selector: { istio: 'istio-ingressgateway' },
      servers: [
        {
          port: { number: 80, name: 'http', protocol: 'HTTP' },
          hosts: ['api.tradesense.io', 'api-us-east-1.tradesense.io', 'api-origin.tradesense.io'],
        },
      ],
    });
    expect(spec(findObject(clusterAt('prod/us-west-2'), { kind: 'Gateway' })).servers[0].hosts).toContain('api-us-west-2.tradesense.io');
  });

  test('each public service gets its routes from config, in its team namespace, to its active Service', () => {
    const order = spec(findObject(prod, { kind: 'VirtualService', name: 'order-gateway-public', namespace: 'team-trading' }));
    expect(order.gateways).toEqual(['istio-ingress/public-api']);
    expect(order.http).toEqual([
      {
        name: 'order-gateway',
        match: [{ uri: { prefix: '/v1/orders' } }],
        route: [{ destination: { host: 'order-gateway.team-trading.svc.cluster.local', port: { number: 8080 } } }],
      },
    ]);
    const portfolio = spec(findObject(prod, { kind: 'VirtualService', name: 'portfolio-api-public', namespace: 'team-portfolio' }));
    expect(portfolio.http[0].match).toEqual([{ uri: { prefix: '/v1/portfolios' } }]);
    expect(findObjects(prod, { kind: 'VirtualService', namespace: 'team-risk' })).toEqual([]);
  });

  test('every routed service admits the gateway in the mesh and at the network layer', () => {
    const routed = findObjects(prod, { kind: 'VirtualService' }).filter((v) => v.metadata.namespace?.startsWith('team-'));
    expect(routed).toHaveLength(2);
    for (const vs of routed) {
      const service = vs.metadata.name.replace(/-public$/, '');
      const namespace = vs.metadata.namespace ?? '';
      expect(allowPolicy(prod, service, namespace).rules[0].from[0].source.principals).toContain(
        'cluster.local/ns/istio-ingress/sa/istio-ingressgateway',
      );
      const ingress = spec(findObject(prod, { kind: 'NetworkPolicy', name: `allow-${service}-ingress`, namespace }));
      expect(ingress.ingress[0].from).toContainEqual({
        namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'istio-ingress' } },
        podSelector: { matchLabels: { istio: 'istio-ingressgateway' } },
      });
    }
  });

  test('the gateway itself answers the Route53 health path (health checkers cannot send the origin-verify header)', () => {
    const health = spec(findObject(prod, { kind: 'VirtualService', name: 'public-api-health', namespace: 'istio-ingress' }));
    expect(health.http).toEqual([
      { name: 'region-health', match: [{ uri: { exact: '/healthz' } }], directResponse: { status: 200, body: { string: 'ok' } } },
    ]);
  });

  test('only clusters of an environment behind the edge route public traffic, through their own Argo CD application', () => {
    expect(routes(clusterAt('dev/us-east-1'))).toEqual([]);
    expect(routes(clusterAt('staging/us-west-2'))).toEqual([]);
    expect(findObject(prod, { kind: 'Application', name: 'istio-ingress-routes' }).spec).toMatchObject({
      source: { directory: { include: expect.stringContaining('istio-ingress-routes.k8s.yaml') } },
    });
    expect(findObjects(clusterAt('dev/us-east-1'), { kind: 'Application', name: 'istio-ingress-routes' })).toEqual([]);
    const wave = (name: string) =>
      Number(findObject(prod, { kind: 'Application', name }).metadata.annotations?.['argocd.argoproj.io/sync-wave']);
    expect(wave('istio-ingress-routes')).toBe(SYNC_WAVES.config);
    expect(wave('istio-ingress-routes')).toBeGreaterThan(wave('istio-ingress'));
  });

  test('the gateway Service is a NodePort for the load balancer, with no LoadBalancer annotations left for a controller', () => {
    const service = spec(findObject(prod, { kind: 'Application', name: 'istio-ingress' })).source.helm.valuesObject.service;
    expect(service.type).toBe('NodePort');
    expect(service.ports.map((p: any) => [p.name, p.port, p.nodePort])).toEqual([
      ['status-port', 15021, 30021],
      ['http2', 80, 30080],
    ]);
  });

  test('a routed service must be public, a public service routed, and an edge write path served', () => {
    expect(() =>
      configWith((i) => {
        i.gitops = { ...i.gitops, publicRoutes: { 'order-gateway': ['/v1/orders'] } };
      }),
    ).toThrow(/public service 'portfolio-api' has no route/);
    expect(() =>
      configWith((i) => {
        i.gitops = { ...i.gitops, publicRoutes: { ...i.gitops?.publicRoutes, 'risk-engine': ['/v1/limits'] } };
      }),
    ).toThrow(/'risk-engine' is routed but not in publicServices/);
    expect(() =>
      configWith((i) => {
        i.gitops = { ...i.gitops, publicRoutes: { 'order-gateway': ['/v1/orders'], 'portfolio-api': ['/v1/orders', '/v1/portfolios'] } };
      }),
    ).toThrow(/'\/v1\/orders' is routed to order-gateway and portfolio-api/);
    expect(() =>
      configWith((i) => {
        i.gitops = { ...i.gitops, publicRoutes: { 'order-gateway': ['/v1/orders/'], 'portfolio-api': ['/v1/portfolios'] } };
      }),
    ).toThrow(/a route is a URI prefix/);
  });
});
