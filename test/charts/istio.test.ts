import { COLLECTOR_SERVICE } from '../../charts/observability/apm.js';
import { describe, expect, test } from 'vitest';
import { renderClusters } from '../../charts/app.js';
import { ISTIO_COMPONENTS, ISTIO_VERSION } from '../../charts/istio/components.js';
import { clusterAt, findObject, findObjects, renderedClusters, type K8sObject } from '../support/manifests.js';
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
      expect.arrayContaining(['security.istio.io/PeerAuthentication', 'security.istio.io/AuthorizationPolicy', 'telemetry.istio.io/Telemetry']),
    );
  });

  test('istiod ships traces to Tempo through a mesh extension provider from config', () => {
    const values = spec(findObject(prod, { kind: 'Application', name: 'istiod' })).source.helm.valuesObject;
    expect(values.meshConfig.extensionProviders).toEqual([
      { name: 'tempo', opentelemetry: { service: COLLECTOR_SERVICE, port: 4317 } },
    ]);
  });
});

describe('mesh-wide policy', () => {
  test.each(renderedClusters().map((c) => [c.dir, c] as const))('%s: mTLS is STRICT mesh-wide (root namespace, no selector)', (_dir, cluster) => {
    const peers = findObjects(cluster, { kind: 'PeerAuthentication' });
    expect(peers).toHaveLength(1);
    expect(peers[0]?.metadata).toMatchObject({ name: 'default', namespace: 'istio-system' });
    expect(peers[0]?.spec).toEqual({ mtls: { mode: 'STRICT' } });
  });

  test('Telemetry sends sampled traces to the tempo provider', () => {
    const telemetry = spec(findObject(prod, { kind: 'Telemetry', namespace: 'istio-system' }));
    expect(telemetry.tracing).toEqual([expect.objectContaining({ providers: [{ name: 'tempo' }], randomSamplingPercentage: 10 })]);
  });

  test('the sampling rate follows config', () => {
    const config = configWith((i) => {
      i.gitops = { ...i.gitops, tracing: { service: 'tempo.observability.svc.cluster.local', port: 4317, samplingPercentage: 1 } };
    });
    const telemetry = spec(findObject(clusterAt('dev/us-east-1', renderClusters(config)), { kind: 'Telemetry' }));
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
      i.gitops = { ...i.gitops, publicServices: [] };
    });
    const cluster = clusterAt('dev/us-east-1', renderClusters(config));
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
