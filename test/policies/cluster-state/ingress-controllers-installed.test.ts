import { describe, expect, it } from 'vitest';
import { ingressControllersInstalled } from '../../../policies/cluster-state/ingress-controllers-installed.js';
import type { StateObject } from '../../../policies/cluster-state/types.js';
import { fixtureState, platformStates, stateContext, stateObject } from '../../support/cluster-state.js';

const ECR = '410987654321.dkr.ecr.us-east-1.amazonaws.com';
const deployment = (application: string, namespace: string, name: string, image: string, labels: Record<string, string> = { app: name }) =>
  stateObject({
    application,
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    name,
    namespace,
    body: { spec: { template: { metadata: { labels }, spec: { containers: [{ name, image }] } } } },
  });
const istiod = deployment('istiod', 'istio-system', 'istiod', `${ECR}/docker-hub/istio/pilot:1.28.0`);
const gatewayPods = deployment('istio-ingress', 'istio-ingress', 'istio-ingressgateway', 'auto', {
  app: 'istio-ingressgateway',
  istio: 'istio-ingressgateway',
});
const lbc = deployment(
  'aws-load-balancer-controller',
  'kube-system',
  'aws-load-balancer-controller',
  `${ECR}/ecr-public/eks/aws-load-balancer-controller:v2.14.1`,
);
const service = (type: string, annotations: Record<string, string> = {}, spec: Record<string, unknown> = {}) =>
  stateObject({
    application: 'istio-ingress',
    kind: 'Service',
    name: 'istio-ingressgateway',
    namespace: 'istio-ingress',
    body: { metadata: { name: 'istio-ingressgateway', annotations }, spec: { type, ...spec } },
  });
// What the istio-ingress chart renders today.
const lbcService = service('LoadBalancer', {
  'service.beta.kubernetes.io/aws-load-balancer-type': 'external',
  'service.beta.kubernetes.io/aws-load-balancer-nlb-target-type': 'ip',
  'service.beta.kubernetes.io/aws-load-balancer-scheme': 'internet-facing',
});
const istioGateway = (selector: Record<string, string>) =>
  stateObject({
    application: 'istio-ingress-routes',
    apiVersion: 'networking.istio.io/v1',
    kind: 'Gateway',
    name: 'api',
    namespace: 'istio-ingress',
    body: { spec: { selector, servers: [{ port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: ['*'] }] } },
  });
const ingress = (className?: string) =>
  stateObject({
    application: 'app',
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    name: 'api',
    body: { spec: { ...(className ? { ingressClassName: className } : {}), rules: [] } },
  });
const ingressClass = (name: string, controller: string, isDefault = false) =>
  stateObject({
    application: 'app',
    apiVersion: 'networking.k8s.io/v1',
    kind: 'IngressClass',
    name,
    clusterScoped: true,
    body: {
      metadata: { name, annotations: isDefault ? { 'ingressclass.kubernetes.io/is-default-class': 'true' } : {} },
      spec: { controller },
    },
  });
const check = (...objects: StateObject[]) => ingressControllersInstalled.check(fixtureState(objects), stateContext());

describe('ingress-controllers-installed', () => {
  it("fails today's istio-ingress Service: an LBC-annotated LoadBalancer with no AWS Load Balancer Controller installed", () => {
    const [v] = check(istiod, gatewayPods, lbcService);
    expect(v?.where).toBe('istio-ingress#Service/istio-ingress/istio-ingressgateway');
    expect(v?.detail).toBe(
      'annotation service.beta.kubernetes.io/aws-load-balancer-type: external requires the AWS Load Balancer Controller, which no Application of this cluster installs',
    );
  });

  it('passes the same Service once the controller runs, and an in-tree LoadBalancer without LBC annotations', () => {
    expect(check(lbc, lbcService)).toEqual([]);
    expect(check(service('LoadBalancer', { 'service.beta.kubernetes.io/aws-load-balancer-type': 'nlb' }))).toEqual([]);
  });

  it('passes a NodePort gateway Service behind an external ALB, with an Istio Gateway served by istiod and matching gateway pods', () => {
    expect(check(istiod, gatewayPods, service('NodePort'), istioGateway({ istio: 'istio-ingressgateway' }))).toEqual([]);
  });

  it('fails an Istio Gateway whose selector matches no gateway pods, or without istiod', () => {
    expect(check(istiod, gatewayPods, istioGateway({ istio: 'ingressgateway' })).map((v) => v.detail)).toEqual([
      'Istio Gateway: no gateway Deployment\'s pods carry the labels of its selector {"istio":"ingressgateway"}',
    ]);
    expect(check(gatewayPods, istioGateway({ istio: 'istio-ingressgateway' })).map((v) => v.detail)).toEqual([
      'Istio Gateway: istiod is not installed in the cluster',
    ]);
  });

  it('resolves Ingresses through their IngressClass, or the default one', () => {
    expect(check(lbc, ingressClass('alb', 'ingress.k8s.aws/alb'), ingress('alb'))).toEqual([]);
    expect(check(lbc, ingressClass('alb', 'ingress.k8s.aws/alb', true), ingress())).toEqual([]);
    expect(check(ingressClass('alb', 'ingress.k8s.aws/alb'), ingress('alb'))[0]?.detail).toMatch(
      /IngressClass 'alb' \(controller ingress\.k8s\.aws\/alb\) requires the AWS Load Balancer Controller/,
    );
    expect(check(lbc, ingress('alb'))[0]?.detail).toBe("no controller can serve it: IngressClass 'alb' does not exist in the cluster");
    expect(check(lbc, ingress())[0]?.detail).toMatch(/names no IngressClass and the cluster has no default IngressClass/);
  });

  it("resolves Gateway API Gateways through their GatewayClass, istiod's own classes included", () => {
    const gateway = (gatewayClassName: string) =>
      stateObject({
        application: 'app',
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'Gateway',
        name: 'gw',
        body: { spec: { gatewayClassName, listeners: [] } },
      });
    expect(check(istiod, gateway('istio'))).toEqual([]);
    expect(check(gateway('istio'))[0]?.detail).toMatch(/GatewayClass 'istio' \(created by istiod\) requires istiod/);
    const albClass = stateObject({
      application: 'app',
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'GatewayClass',
      name: 'alb',
      clusterScoped: true,
      body: { spec: { controllerName: 'gateway.k8s.aws/alb' } },
    });
    expect(check(albClass, gateway('alb'))[0]?.detail).toMatch(/requires the AWS Load Balancer Controller/);
  });
});

describe('the TradeSense clusters', () => {
  it('have no load balancer, Ingress or Gateway without its controller but the LBC-annotated istio-ingress Service (being replaced, waived)', async () => {
    for (const state of await platformStates()) {
      const found = ingressControllersInstalled.check(state, stateContext(state.dir)).map((v) => v.where);
      expect(
        found.filter((w) => w !== 'istio-ingress#Service/istio-ingress/istio-ingressgateway'),
        state.dir,
      ).toEqual([]);
    }
  });
});
