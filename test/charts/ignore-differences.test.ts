import { describe, expect, test } from 'vitest';
import { renderCluster } from '../../charts/app.js';
import { generatedSecret, webhookFields } from '../../charts/argocd/ignore-differences.js';
import type { PlatformComponent } from '../../charts/platform-components.js';
import { runtimeRewritesIgnored } from '../../policies/cluster-state/runtime-rewrites-ignored.js';
import { platformStates, stateContext } from '../support/cluster-state.js';
import { clusterAt, findObject } from '../support/manifests.js';

const prod = clusterAt('prod/us-east-1');
const render = (component: PlatformComponent): any =>
  renderCluster(prod.view, [component])
    .objects.get('argocd.k8s.yaml')
    ?.find((o: any) => o.kind === 'Application' && o.metadata.name === component.name);
const base: PlatformComponent = {
  name: 'op',
  namespace: 'op',
  syncWave: 20,
  helm: { repoURL: 'https://charts.example.com', chart: 'op', version: '1.0.0', values: {} },
};

describe('PlatformComponent.ignoreDifferences', () => {
  test('renders into the Application, with RespectIgnoreDifferences only when the component asks', () => {
    const entries = [webhookFields('ValidatingWebhookConfiguration', 'op', ['caBundle', 'failurePolicy']), generatedSecret('op-cert')];
    const plain = render({ ...base, ignoreDifferences: entries });
    expect(plain.spec.ignoreDifferences).toEqual([
      {
        group: 'admissionregistration.k8s.io',
        kind: 'ValidatingWebhookConfiguration',
        name: 'op',
        jqPathExpressions: ['.webhooks[]?.clientConfig.caBundle', '.webhooks[]?.failurePolicy'],
      },
      { group: '', kind: 'Secret', name: 'op-cert', jsonPointers: ['/data'] },
    ]);
    expect(plain.spec.syncPolicy.syncOptions).not.toContain('RespectIgnoreDifferences=true');
    expect(render({ ...base, ignoreDifferences: entries, respectIgnoreDifferences: true }).spec.syncPolicy.syncOptions).toContain(
      'RespectIgnoreDifferences=true',
    );
    expect(render(base).spec).not.toHaveProperty('ignoreDifferences');
  });

  test('respectIgnoreDifferences without anything to ignore is rejected', () => {
    expect(() => render({ ...base, respectIgnoreDifferences: true })).toThrow(
      /platform component 'op' sets respectIgnoreDifferences without ignoreDifferences/,
    );
  });
});

describe('webhooks rewritten at run time stay Synced', () => {
  test.each(['istio-base', 'istiod', 'external-secrets', 'kube-prometheus-stack', 'opentelemetry-operator', 'gatekeeper', 'chaos-mesh'])(
    '%s ignores every field its controllers rewrite, in every cluster',
    async (name) => {
      const states = await platformStates();
      const installed = states.filter((s) => s.applications.some((a) => a.name === name));
      expect(installed.length).toBeGreaterThan(0);
      for (const state of installed) expect(state.applications.find((a) => a.name === name)?.spec).toHaveProperty('ignoreDifferences');
      for (const state of states) {
        const found = runtimeRewritesIgnored.check(state, stateContext(state.dir)).filter((v) => v.where.startsWith(`${name}#`));
        expect(found.map((v) => `${state.dir} ${v.where}: ${v.detail}`)).toEqual([]);
      }
    },
  );

  test("syncs keep istiod's fail-closed validators; the OTel operator's syncs apply the CA rendered with its hook key pair", () => {
    const options = (name: string) => (findObject(prod, { kind: 'Application', name }).spec as any).syncPolicy.syncOptions;
    expect(options('istiod')).toContain('RespectIgnoreDifferences=true');
    expect(options('istio-base')).toContain('RespectIgnoreDifferences=true');
    expect(options('opentelemetry-operator')).not.toContain('RespectIgnoreDifferences=true');
  });

  test('Chaos Mesh keeps the key pair it was installed with: its render-time CA and Secrets are ignored and kept on sync', () => {
    const chaos = findObject(clusterAt('staging/us-east-1'), { kind: 'Application', name: 'chaos-mesh' }).spec as any;
    expect(chaos.syncPolicy.syncOptions).toContain('RespectIgnoreDifferences=true');
    expect(
      chaos.ignoreDifferences
        .filter((d: { kind: string }) => d.kind === 'Secret')
        .map((d: { name: string }) => d.name)
        .sort(),
    ).toEqual(['chaos-mesh-chaosd-client-certs', 'chaos-mesh-daemon-certs', 'chaos-mesh-daemon-client-certs', 'chaos-mesh-webhook-certs']);
  });
});
