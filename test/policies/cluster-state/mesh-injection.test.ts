import { describe, expect, it } from 'vitest';
import { asObject, type Json } from '../../../policies/k8s/pod-spec.js';
import { meshInjector, type InjectedPod, type PodShape } from '../../../policies/cluster-state/mesh-injection.js';
import type { Labels } from '../../../policies/cluster-state/label-selector.js';
import type { ClusterState } from '../../../policies/cluster-state/types.js';
import { fixtureState, stateAt, stateObject } from '../../support/cluster-state.js';

const ECR = '410987654321.dkr.ecr.us-east-1.amazonaws.com';
const TEAM_NS: Labels = { 'istio-injection': 'enabled', 'kubernetes.io/metadata.name': 'team-trading' };
const pod = (
  labels: Record<string, string> = {},
  annotations: Record<string, string> = {},
  containers: Json[] = [{ name: 'app', image: `${ECR}/tradesense/app:1.0.0` }],
): PodShape => ({
  metadata: { labels, annotations },
  spec: { containers },
});
const byName = (list: unknown, name: string) => ((list as Json[] | undefined) ?? []).find((c) => c.name === name);

function injected(state: ClusterState, p: PodShape, ns: Labels = TEAM_NS, namespace = 'team-trading'): InjectedPod {
  const inject = meshInjector(state);
  if (!inject) throw new Error('no injector');
  const result = inject(p, ns, namespace);
  if ('error' in result) throw new Error(result.error);
  return result;
}

/** A minimal istiod of the given values (cni, native sidecars) for fixture tests. */
function istiod(values: Json, env: Json[] = []): ClusterState {
  const configMap = stateObject({
    application: 'istiod',
    kind: 'ConfigMap',
    name: 'istio-sidecar-injector',
    namespace: 'istio-system',
    body: { data: { values: JSON.stringify(values), config: 'policy: enabled\ndefaultTemplates: [sidecar]\n' } },
  });
  const webhook = stateObject({
    application: 'istiod',
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind: 'MutatingWebhookConfiguration',
    name: 'istio-sidecar-injector',
    clusterScoped: true,
    body: {
      webhooks: [{ name: 'namespace.sidecar-injector.istio.io', namespaceSelector: { matchLabels: { 'istio-injection': 'enabled' } } }],
    },
  });
  const deployment = stateObject({
    application: 'istiod',
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    name: 'istiod',
    namespace: 'istio-system',
    body: { spec: { template: { spec: { containers: [{ name: 'discovery', env }] } } } },
  });
  return fixtureState([configMap, webhook, deployment]);
}
const VALUES = {
  global: {
    hub: `${ECR}/docker-hub/istio`,
    tag: '1.28.0',
    proxy: { image: 'proxyv2', resources: { limits: { cpu: '1', memory: '512Mi' }, requests: { cpu: '100m', memory: '128Mi' } } },
    proxy_init: { image: 'proxyv2' },
  },
};

describe('Istio sidecar injection, from the rendered istiod of prod/us-east-1', () => {
  it('injects istio-init (root, writable root, NET_ADMIN/NET_RAW) and istio-proxy as a native sidecar into team pods', async () => {
    const result = injected(await stateAt('prod/us-east-1'), pod({ 'app.kubernetes.io/name': 'order-gateway' }));
    expect(result.injected).toEqual(['istio-init', 'istio-proxy']);
    const init = byName(result.spec.initContainers, 'istio-init');
    expect(init?.image).toBe(`${ECR}/docker-hub/istio/proxyv2:1.28.0`);
    expect(init?.securityContext).toMatchObject({
      readOnlyRootFilesystem: false,
      runAsUser: 0,
      runAsNonRoot: false,
      capabilities: { add: ['NET_ADMIN', 'NET_RAW'], drop: ['ALL'] },
    });
    expect(init?.resources).toEqual({ requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '1', memory: '512Mi' } });
    // EKS 1.33 nodes and istiod's default ENABLE_NATIVE_SIDECARS=auto: the proxy is a restartable init container.
    const proxy = byName(result.spec.initContainers, 'istio-proxy');
    expect(proxy).toMatchObject({
      restartPolicy: 'Always',
      securityContext: { readOnlyRootFilesystem: true, runAsNonRoot: true, runAsUser: 1337 },
    });
    expect(byName(result.spec.containers, 'istio-proxy')).toBeUndefined();
  });

  it("rewrites the ingress gateway's `image: auto` with the mirrored proxy and adds no init container", async () => {
    const state = await stateAt('prod/us-east-1');
    const gateway = state.objects.find((o) => o.kind === 'Deployment' && o.name === 'istio-ingressgateway');
    const template = asObject(asObject(gateway?.body.spec).template);
    const result = injected(
      state,
      { metadata: asObject(template.metadata), spec: asObject(template.spec) },
      { 'kubernetes.io/metadata.name': 'istio-ingress' },
      'istio-ingress',
    );
    expect(byName(result.spec.containers, 'istio-proxy')?.image).toBe(`${ECR}/docker-hub/istio/proxyv2:1.28.0`);
    expect(result.spec.initContainers).toBeUndefined();
  });

  it('leaves pods alone that opt out, or live in a namespace without injection', async () => {
    const state = await stateAt('prod/us-east-1');
    expect(injected(state, pod({ 'sidecar.istio.io/inject': 'false' })).injected).toEqual([]);
    expect(injected(state, pod(), { 'kubernetes.io/metadata.name': 'janitor' }, 'janitor').injected).toEqual([]);
    expect(
      injected(state, pod({ 'sidecar.istio.io/inject': 'true' }), { 'kubernetes.io/metadata.name': 'kube-system' }, 'kube-system').injected,
    ).toEqual([]);
  });

  it('transcribes what the rendered injection template says (a chart bump that changes it fails here)', async () => {
    const state = await stateAt('prod/us-east-1');
    const config = String(
      asObject(state.objects.find((o) => o.kind === 'ConfigMap' && o.name === 'istio-sidecar-injector')?.body.data).config,
    );
    const sidecar = config.slice(config.indexOf('  sidecar: |'), config.indexOf('  gateway: |'));
    const initBlock = sidecar.slice(sidecar.indexOf('- name: istio-init'), sidecar.indexOf('- name: istio-proxy'));
    for (const fact of [
      '- NET_ADMIN',
      '- NET_RAW',
      'readOnlyRootFilesystem: false',
      'runAsGroup: 0',
      'runAsNonRoot: false',
      'runAsUser: 0',
      '{{ template "resources" . }}',
    ]) {
      expect(initBlock, fact).toContain(fact);
    }
    expect(sidecar).toContain('{{ if $nativeSidecar }}restartPolicy: Always{{end}}');
    expect(sidecar).toMatch(/privileged: \{\{ \.Values\.global\.proxy\.privileged \}\}\s+readOnlyRootFilesystem: true/);
    expect(config).toMatch(/gateway: \|[\s\S]*runAsUser: \{\{ \.ProxyUID \| default "1337" \}\}/);
  });
});

describe('Istio sidecar injection, from fixture istiod values', () => {
  it('with istio-cni: an unprivileged istio-validation instead of istio-init', () => {
    const result = injected(istiod({ ...VALUES, pilot: { cni: { enabled: true } } }), pod());
    expect(result.injected).toEqual(['istio-validation', 'istio-proxy']);
    expect(byName(result.spec.initContainers, 'istio-validation')?.securityContext).toMatchObject({
      readOnlyRootFilesystem: true,
      runAsNonRoot: true,
      capabilities: { drop: ['ALL'] },
    });
  });

  it('without native sidecars: istio-proxy among the containers', () => {
    const result = injected(istiod(VALUES, [{ name: 'ENABLE_NATIVE_SIDECARS', value: 'false' }]), pod());
    expect(byName(result.spec.containers, 'istio-proxy')).toBeDefined();
    expect(byName(result.spec.initContainers, 'istio-proxy')).toBeUndefined();
  });

  it("reads the proxy's resources from the pod's annotations when set", () => {
    const result = injected(istiod(VALUES), pod({}, { 'sidecar.istio.io/proxyCPU': '50m', 'sidecar.istio.io/proxyMemory': '64Mi' }));
    expect(byName(result.spec.initContainers, 'istio-proxy')?.resources).toEqual({ requests: { cpu: '50m', memory: '64Mi' }, limits: {} });
  });

  it('reports a template it does not model', () => {
    const inject = meshInjector(istiod(VALUES));
    expect(inject?.(pod({}, { 'inject.istio.io/templates': 'grpc-agent' }), TEAM_NS, 'team-trading')).toEqual({
      error: expect.stringMatching(/grpc-agent/),
    });
  });

  it('is absent in a cluster without istiod', () => {
    expect(meshInjector(fixtureState([]))).toBeUndefined();
  });
});
