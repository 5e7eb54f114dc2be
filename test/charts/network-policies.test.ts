import { App } from 'cdk8s';
import { describe, expect, test } from 'vitest';
import { PLATFORM_COMPONENTS } from '../../charts/components.js';
import { NETWORK_POLICY_COMPONENTS } from '../../charts/network-policies/components.js';
import { NetworkPoliciesChart } from '../../charts/network-policies/network-policies.js';
import { teamNamespace } from '../../config/derive/cluster-names.js';
import type { PlatformConfig } from '../../config/schema/platform.js';
import { clusterAt, findObject, findObjects, viewAt, type K8sObject } from '../support/manifests.js';
import { configWith, platformConfig } from '../support/platform.js';

const cluster = clusterAt('prod/us-east-1');
const config = platformConfig();
const teams = [...new Set(config.services.map((s) => s.team))].sort();
const policy = (namespace: string, name: string) => findObject(cluster, { kind: 'NetworkPolicy', namespace, name });
const spec = (p: K8sObject) => p.spec as any;
const peer = (namespace: string, labels?: Record<string, string>) => ({
  namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': namespace } },
  ...(labels ? { podSelector: { matchLabels: labels } } : {}),
});
const loadTestPeer = (name: string) => {
  const service = config.services.find((s) => s.name === name);
  return peer(teamNamespace(service?.team ?? 'unknown'), { 'app.kubernetes.io/name': `${name}-load-test` });
};
const servicePeer = (name: string) => {
  const service = config.services.find((s) => s.name === name);
  return peer(teamNamespace(service?.team ?? 'unknown'), { 'app.kubernetes.io/name': name });
};

/** caller -> callee edges the rendered ingress policies admit, by service name. */
function admittedEdges(objects: K8sObject[], services: PlatformConfig['services']): string[] {
  return objects
    .filter((p) => p.metadata.name.endsWith('-ingress'))
    .flatMap((p) => {
      const callee = spec(p).podSelector.matchLabels['app.kubernetes.io/name'];
      return spec(p).ingress[0].from.flatMap((f: any) => {
        const caller = services.find(
          (s) =>
            s.name === f.podSelector?.matchLabels['app.kubernetes.io/name'] &&
            teamNamespace(s.team) === f.namespaceSelector.matchLabels['kubernetes.io/metadata.name'],
        );
        return caller ? [`${caller.name}->${callee}`] : [];
      });
    })
    .sort();
}
const configuredEdges = (services: PlatformConfig['services']) => services.flatMap((s) => s.calls.map((c) => `${s.name}->${c}`)).sort();

describe.each(teams.map((t) => [teamNamespace(t)]))('%s', (namespace) => {
  test('denies all ingress and egress by default', () => {
    expect(spec(policy(namespace, 'default-deny'))).toEqual({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
  });

  test('allows DNS to kube-dns over UDP and TCP 53', () => {
    expect(spec(policy(namespace, 'allow-dns')).egress).toEqual([
      {
        to: [peer('kube-system', { 'k8s-app': 'kube-dns' })],
        ports: [
          { protocol: 'UDP', port: 53 },
          { protocol: 'TCP', port: 53 },
        ],
      },
    ]);
  });

  test('allows the sidecars to reach istiod', () => {
    expect(spec(policy(namespace, 'allow-istiod')).egress).toEqual([
      {
        to: [peer('istio-system', { app: 'istiod' })],
        ports: [
          { protocol: 'TCP', port: 15012 },
          { protocol: 'TCP', port: 15017 },
        ],
      },
    ]);
  });

  test('allows Prometheus in the monitoring namespace to scrape the sidecar metrics', () => {
    expect(spec(policy(namespace, 'allow-prometheus-scrape'))).toEqual({
      podSelector: {},
      policyTypes: ['Ingress'],
      ingress: [
        {
          from: [peer('monitoring')],
          ports: [
            { protocol: 'TCP', port: 15020 },
            { protocol: 'TCP', port: 15090 },
          ],
        },
      ],
    });
  });
});

describe('service-to-service paths', () => {
  const policies = findObjects(cluster, { kind: 'NetworkPolicy' });

  test('admit exactly the calls listed in config.services[].calls', () => {
    expect(admittedEdges(policies, config.services)).toEqual(configuredEdges(config.services));
  });

  test('open only the callee port, from the caller pods only', () => {
    expect(spec(policy('team-risk', 'allow-risk-engine-ingress'))).toEqual({
      podSelector: { matchLabels: { 'app.kubernetes.io/name': 'risk-engine' } },
      policyTypes: ['Ingress'],
      ingress: [
        {
          from: [servicePeer('order-gateway'), servicePeer('portfolio-api'), loadTestPeer('risk-engine')],
          ports: [{ protocol: 'TCP', port: 8080 }],
        },
      ],
    });
  });

  test("admit each service's pre-promotion load test, and let only that Job reach the service", () => {
    expect(spec(policy('team-market-data', 'allow-market-data-feed-ingress')).ingress[0].from).toContainEqual(
      loadTestPeer('market-data-feed'),
    );
    expect(spec(policy('team-market-data', 'allow-market-data-feed-load-test-egress'))).toEqual({
      podSelector: { matchLabels: { 'app.kubernetes.io/name': 'market-data-feed-load-test' } },
      policyTypes: ['Egress'],
      egress: [{ to: [servicePeer('market-data-feed')], ports: [{ protocol: 'TCP', port: 8080 }] }],
    });
  });

  test('let every team pod send telemetry to the OpenTelemetry collector', () => {
    expect(spec(policy('team-risk', 'allow-telemetry'))).toEqual({
      podSelector: {},
      policyTypes: ['Egress'],
      egress: [
        {
          to: [peer('observability')],
          ports: [
            { protocol: 'TCP', port: 4317 },
            { protocol: 'TCP', port: 4318 },
          ],
        },
      ],
    });
  });

  test('let a caller reach each callee on its own port and nothing else', () => {
    expect(spec(policy('team-trading', 'allow-order-gateway-egress')).egress).toEqual([
      { to: [servicePeer('market-data-feed')], ports: [{ protocol: 'TCP', port: 8080 }] },
      { to: [servicePeer('risk-engine')], ports: [{ protocol: 'TCP', port: 8080 }] },
    ]);
    expect(findObjects(cluster, { kind: 'NetworkPolicy', name: 'allow-market-data-feed-egress' })).toEqual([]);
  });

  test('admit the ingress gateway to the entry points only', () => {
    const gateway = peer('istio-ingress', { istio: 'istio-ingressgateway' });
    const fromGateway = policies.filter((p) => spec(p).ingress?.[0].from.some((f: any) => JSON.stringify(f) === JSON.stringify(gateway)));
    expect(fromGateway.map((p) => p.metadata.name).sort()).toEqual(['allow-order-gateway-ingress', 'allow-portfolio-api-ingress']);
    expect(spec(policy('team-trading', 'allow-order-gateway-ingress')).ingress[0].from).toEqual([loadTestPeer('order-gateway'), gateway]);
  });

  test('entry points (config.gitops.publicServices) are the services nobody calls', () => {
    const calledByNobody = config.services.filter((s) => !config.services.some((c) => c.calls.includes(s.name))).map((s) => s.name);
    expect([...config.gitops.publicServices].sort()).toEqual(calledByNobody.sort());
  });

  test('a new call in config opens exactly that path', () => {
    const changed = configWith((c) => {
      const feed = c.services.find((s) => s.name === 'market-data-feed');
      if (feed) feed.calls = ['risk-engine'];
    });
    const view = viewAt('staging/us-east-1', changed);
    const objects = new NetworkPoliciesChart(new App(), 'np', {
      labels: view.labels,
      services: view.services,
      publicServices: view.gitops.publicServices,
    }).toJson() as K8sObject[];
    expect(admittedEdges(objects, changed.services)).toContain('market-data-feed->risk-engine');
    expect(admittedEdges(objects, changed.services)).toEqual(configuredEdges(changed.services));
  });
});

describe('network policies component', () => {
  test('syncs after the team namespaces, before any workload, in every cluster', () => {
    const [component] = NETWORK_POLICY_COMPONENTS;
    const namespaces = PLATFORM_COMPONENTS.find((c) => c.name === 'team-namespaces');
    expect(PLATFORM_COMPONENTS).toContain(component);
    expect(component?.charts?.map((c) => c.id)).toEqual(['network-policies']);
    expect(component?.syncWave).toBeGreaterThan(namespaces?.syncWave ?? Infinity);
    expect(component?.enabled).toBeUndefined();
  });
});

describe('database egress', () => {
  test('each stateful service reaches the database port on its own VPC’s isolated subnets, and no other service does', () => {
    for (const dir of ['prod/us-east-1', 'prod/us-west-2']) {
      const c = clusterAt(dir);
      const policies = findObjects(c, { kind: 'NetworkPolicy' }).filter((p) => p.metadata.name.endsWith('-database'));
      expect(policies.map((p) => `${p.metadata.namespace}/${p.metadata.name}`)).toEqual(['team-risk/allow-risk-engine-database']);
      const second = dir === 'prod/us-west-2' ? '31' : '30';
      expect(spec(policies[0] as K8sObject)).toEqual({
        podSelector: { matchLabels: { 'app.kubernetes.io/name': 'risk-engine' } },
        policyTypes: ['Egress'],
        egress: [
          {
            to: [224, 232, 240].map((third) => ({ ipBlock: { cidr: `10.${second}.${third}.0/21` } })),
            ports: [{ protocol: 'TCP', port: 5432 }],
          },
        ],
      });
    }
  });
});
