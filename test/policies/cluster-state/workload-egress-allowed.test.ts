import { describe, expect, it } from 'vitest';
import type { StateObject } from '../../../policies/cluster-state/types.js';
import { workloadEgressAllowed } from '../../../policies/cluster-state/workload-egress-allowed.js';
import { fixtureState, platformStates, stateAt, stateContext, stateObject } from '../../support/cluster-state.js';

const ns = 'team-risk';
const namespace = stateObject({
  kind: 'Namespace',
  name: ns,
  clusterScoped: true,
  body: { metadata: { name: ns, labels: { 'istio-injection': 'enabled' } } },
});
const istiod = stateObject({
  application: 'istiod',
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  name: 'istiod',
  namespace: 'istio-system',
  body: {
    spec: {
      template: {
        metadata: { labels: { app: 'istiod' } },
        spec: { containers: [{ name: 'discovery', image: 'ecr/docker-hub/istio/pilot:1.28.0' }] },
      },
    },
  },
});
const instrumentation = stateObject({
  kind: 'Instrumentation',
  apiVersion: 'opentelemetry.io/v1alpha1',
  name: 'tradesense',
  namespace: 'observability',
  body: { spec: { exporter: { endpoint: 'http://tradesense-collector.observability.svc.cluster.local:4318' } } },
});
const collector = stateObject({
  kind: 'OpenTelemetryCollector',
  apiVersion: 'opentelemetry.io/v1beta1',
  name: 'tradesense',
  namespace: 'observability',
  body: { spec: {} },
});
const rollout = stateObject({
  application: 'service-rollouts',
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Rollout',
  name: 'risk-engine',
  namespace: ns,
  body: {
    spec: {
      template: {
        metadata: {
          labels: { 'app.kubernetes.io/name': 'risk-engine' },
          annotations: { 'instrumentation.opentelemetry.io/inject-python': 'observability/tradesense' },
        },
        spec: { containers: [{ name: 'app' }] },
      },
    },
  },
});
const netpol = (name: string, egress: unknown[], podSelector: Record<string, unknown> = {}) =>
  stateObject({
    application: 'network-policies',
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    name,
    namespace: ns,
    body: { spec: { podSelector, policyTypes: ['Egress'], egress } },
  });
const inNamespace = (name: string, labels?: Record<string, string>) => ({
  namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': name } },
  ...(labels ? { podSelector: { matchLabels: labels } } : {}),
});
const tcp = (port: number) => ({ protocol: 'TCP', port });
const base = [
  netpol('default-deny', []),
  netpol('allow-dns', [{ to: [inNamespace('kube-system', { 'k8s-app': 'kube-dns' })], ports: [{ protocol: 'UDP', port: 53 }, tcp(53)] }]),
  netpol('allow-istiod', [{ to: [inNamespace('istio-system', { app: 'istiod' })], ports: [tcp(15012)] }]),
  netpol('allow-telemetry', [{ to: [inNamespace('observability')], ports: [tcp(4317), tcp(4318)] }]),
];
// dev's VPC is 10.10.0.0/16: its isolated subnets are the three /21s from 10.10.224.0.
const database = netpol(
  'allow-risk-engine-database',
  [{ to: ['10.10.224.0/21', '10.10.232.0/21', '10.10.240.0/21'].map((cidr) => ({ ipBlock: { cidr } })), ports: [tcp(5432)] }],
  { matchLabels: { 'app.kubernetes.io/name': 'risk-engine' } },
);
const check = (...policies: StateObject[]) =>
  workloadEgressAllowed.check(
    fixtureState([namespace, istiod, instrumentation, collector, rollout, ...policies]),
    stateContext('dev/us-east-1'),
  );

describe('workload-egress-allowed', () => {
  it('passes a default-deny namespace that allows DNS, istiod, the collector and the database', () => {
    expect(check(...base, database)).toEqual([]);
  });

  it('passes pods no egress policy selects', () => {
    expect(check()).toEqual([]);
  });

  it('fails a stateful service without its database allow, and default-deny without DNS', () => {
    const [v] = check(...base);
    expect(v?.where).toBe('service-rollouts#Rollout/team-risk/risk-engine');
    expect(v?.detail).toMatch(
      /^its pods cannot reach its database \(TCP 5432 to the isolated subnets 10\.10\.224\.0\/21, 10\.10\.232\.0\/21, 10\.10\.240\.0\/21\): no rule of the egress NetworkPolicies selecting them \(default-deny, allow-dns, allow-istiod, allow-telemetry\) allows it$/,
    );
    const [dns] = check(netpol('default-deny', []), database);
    expect(dns?.detail).toMatch(
      /DNS \(kube-dns, UDP 53\); DNS \(kube-dns, TCP 53\); istiod \(xDS and certificates, TCP 15012\); the OTLP collector of its instrumentation \(tradesense-collector\.observability\.svc\.cluster\.local:4318\)/,
    );
  });

  it('fails a database allow that covers only one of the isolated subnets, or the wrong port', () => {
    const one = netpol('allow-risk-engine-database', [{ to: [{ ipBlock: { cidr: '10.10.224.0/21' } }], ports: [tcp(5432)] }]);
    expect(check(...base, one)).toHaveLength(1);
    const wrongPort = netpol('allow-risk-engine-database', [{ to: [{ ipBlock: { cidr: '10.10.0.0/16' } }], ports: [tcp(3306)] }]);
    expect(check(...base, wrongPort)).toHaveLength(1);
    const wholeVpc = netpol('allow-risk-engine-database', [{ to: [{ ipBlock: { cidr: '10.10.0.0/16' } }], ports: [tcp(5432)] }]);
    expect(check(...base, wholeVpc)).toEqual([]);
  });
});

describe('the TradeSense clusters', () => {
  it('without the database allow (the old output) risk-engine could not reach PostgreSQL', async () => {
    const state = await stateAt('prod/us-east-1');
    const old = {
      ...state,
      objects: state.objects.filter((o) => !(o.kind === 'NetworkPolicy' && o.name === 'allow-risk-engine-database')),
    };
    expect(workloadEgressAllowed.check(old, stateContext('prod/us-east-1')).map((v) => v.where)).toEqual([
      'service-rollouts#Rollout/team-risk/risk-engine',
    ]);
  });

  it('every workload reaches what it needs in every cluster', async () => {
    for (const state of await platformStates()) expect(workloadEgressAllowed.check(state, stateContext(state.dir)), state.dir).toEqual([]);
  });
});

describe('the database port', () => {
  it('is the port the database security group opens', async () => {
    const { POSTGRES_PORT } = await import('../../../constructs/aws/database-network.js');
    const { DATABASE_PORTS } = await import('../../../config/derive/database-port.js');
    expect(Object.values(DATABASE_PORTS)).toEqual([POSTGRES_PORT, POSTGRES_PORT]);
  });
});
