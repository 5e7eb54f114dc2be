import { describe, expect, it } from 'vitest';
import { jqPath } from '../../../policies/cluster-state/ignore-differences.js';
import { runtimeRewritesIgnored } from '../../../policies/cluster-state/runtime-rewrites-ignored.js';
import type { StateObject } from '../../../policies/cluster-state/types.js';
import { fixtureState, stateApplication, stateContext, stateObject } from '../../support/cluster-state.js';

type Json = Record<string, unknown>;
const webhooks = (kind: string, name: string, hooks: Json[], metadata: Json = {}) =>
  stateObject({
    application: 'op',
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind,
    name,
    clusterScoped: true,
    body: { metadata: { name, ...metadata }, webhooks: hooks },
  });
const hook = (clientConfig: Json, failurePolicy = 'Fail') => ({
  name: 'h.example.com',
  failurePolicy,
  clientConfig: { service: { name: 'op', namespace: 'op' }, ...clientConfig },
});
const keySecret = (annotations: Json = {}) =>
  stateObject({
    application: 'op',
    kind: 'Secret',
    name: 'op-cert',
    namespace: 'op',
    body: { metadata: { name: 'op-cert', annotations }, data: { 'tls.crt': 'x', 'tls.key': 'y', 'ca.crt': 'Q0E=' } },
  });
const caBundle = (kind = 'ValidatingWebhookConfiguration', name = 'op') => ({
  group: 'admissionregistration.k8s.io',
  kind,
  name,
  jqPathExpressions: ['.webhooks[]?.clientConfig.caBundle'],
});
const check = (objects: StateObject[], ignoreDifferences: Json[] = [], syncOptions: string[] = []) =>
  runtimeRewritesIgnored.check(
    fixtureState(objects, [stateApplication({ name: 'op', syncOptions, spec: { ignoreDifferences } })]),
    stateContext(),
  );

describe('jq paths Argo CD accepts in ignoreDifferences', () => {
  it.each([
    ['.webhooks[]?.clientConfig.caBundle', ['webhooks', '*', 'clientConfig', 'caBundle']],
    ['.webhooks[0].failurePolicy', ['webhooks', '0', 'failurePolicy']],
    ['.metadata.annotations."cert-manager.io/inject-ca-from"', ['metadata', 'annotations', 'cert-manager.io/inject-ca-from']],
    ['.webhooks[] | select(.name == "x")', undefined],
  ])('%s', (expression, path) => {
    expect(jqPath(expression)).toEqual(path);
  });
});

describe('runtime-rewrites-ignored', () => {
  it('fails a service-backed webhook without caBundle that its Application does not ignore', () => {
    const [v] = check([webhooks('ValidatingWebhookConfiguration', 'op', [hook({}), hook({ caBundle: '' })])]);
    expect(v?.where).toBe('op#ValidatingWebhookConfiguration/op');
    expect(v?.detail).toMatch(
      /\/webhooks\/\[i\]\/clientConfig\/caBundle \(2 webhooks\): rewritten by its operator or cert controller.*not in Application 'op''s ignoreDifferences/,
    );
  });

  it('passes it covered by a jq path, by a JSON pointer prefix, or for a URL webhook (public CA)', () => {
    const vwc = webhooks('ValidatingWebhookConfiguration', 'op', [hook({})]);
    expect(check([vwc], [caBundle()])).toEqual([]);
    expect(
      check([vwc], [{ group: 'admissionregistration.k8s.io', kind: 'ValidatingWebhookConfiguration', jsonPointers: ['/webhooks'] }]),
    ).toEqual([]);
    const external = webhooks('ValidatingWebhookConfiguration', 'op', [{ name: 'x', clientConfig: { url: 'https://hooks.example.com' } }]);
    expect(check([external])).toEqual([]);
  });

  it('does not count an entry for another name or kind', () => {
    const vwc = webhooks('ValidatingWebhookConfiguration', 'op', [hook({})]);
    expect(check([vwc], [caBundle('ValidatingWebhookConfiguration', 'other')])).toHaveLength(1);
    expect(check([vwc], [caBundle('MutatingWebhookConfiguration', 'op')])).toHaveLength(1);
  });

  it("requires istiod's failurePolicy flip to be ignored and kept on sync", () => {
    const validator = webhooks('ValidatingWebhookConfiguration', 'op', [hook({}, 'Ignore')], { labels: { 'istio.io/rev': 'default' } });
    const both = { ...caBundle(), jqPathExpressions: ['.webhooks[]?.clientConfig.caBundle', '.webhooks[]?.failurePolicy'] };
    expect(check([validator], [caBundle()]).map((v) => v.detail)).toEqual([expect.stringMatching(/failurePolicy: rewritten by istiod/)]);
    expect(check([validator], [both]).map((v) => v.detail)).toEqual([
      expect.stringMatching(/without RespectIgnoreDifferences=true every sync of 'op' reverts it/),
    ]);
    expect(check([validator], [both], ['RespectIgnoreDifferences=true'])).toEqual([]);
  });

  it('reads a certgen patch Job that sets the failure policy', () => {
    const job = stateObject({
      application: 'op',
      apiVersion: 'batch/v1',
      kind: 'Job',
      name: 'op-admission-patch',
      namespace: 'op',
      body: {
        spec: {
          template: { spec: { containers: [{ name: 'patch', args: ['patch', '--webhook-name=op', '--patch-failure-policy=Fail'] }] } },
        },
      },
    });
    const vwc = webhooks('ValidatingWebhookConfiguration', 'op', [hook({}, 'Ignore')]);
    expect(check([vwc, job], [caBundle()]).map((v) => v.detail)).toEqual([
      expect.stringMatching(/failurePolicy: rewritten by the certgen Job op-admission-patch/),
    ]);
    const quiet = {
      ...job,
      body: {
        spec: { template: { spec: { containers: [{ name: 'patch', args: ['patch', '--webhook-name=op', '--patch-failure-policy='] }] } } },
      },
    };
    expect(check([vwc, quiet], [caBundle()])).toEqual([]);
  });

  it('requires a CA generated at render time to be ignored with its key-pair Secret', () => {
    const vwc = webhooks('ValidatingWebhookConfiguration', 'op', [hook({ caBundle: 'Q0E=' })]);
    const found = check([vwc, keySecret()]);
    expect(found.map((v) => v.where).sort()).toEqual(['op#Secret/op/op-cert', 'op#ValidatingWebhookConfiguration/op']);
    expect(found.find((v) => v.where.includes('Validating'))?.detail).toMatch(
      /the chart at render time, with the key pair of Secret op-cert/,
    );
    expect(check([vwc, keySecret()], [caBundle(), { group: '', kind: 'Secret', name: 'op-cert', jsonPointers: ['/data'] }])).toEqual([]);
  });

  it('forbids keeping the old CA when a hook re-creates the key pair at every sync', () => {
    const vwc = webhooks('ValidatingWebhookConfiguration', 'op', [hook({ caBundle: 'Q0E=' })]);
    const hookSecret = keySecret({ 'helm.sh/hook': 'pre-install,pre-upgrade' });
    expect(check([vwc, hookSecret], [caBundle()])).toEqual([]);
    const [v] = check([vwc, hookSecret], [caBundle()], ['RespectIgnoreDifferences=true']);
    expect(v?.detail).toMatch(/RespectIgnoreDifferences=true keeps the old CA while a hook of 'op' re-creates the key pair/);
  });

  it("requires cert-manager's injected CA to be ignored, kept on sync where git renders one", () => {
    const injected = webhooks('MutatingWebhookConfiguration', 'op', [hook({ caBundle: 'Q0E=' })], {
      annotations: { 'cert-manager.io/inject-ca-from': 'op/op-cert' },
    });
    expect(check([injected]).map((v) => v.detail)).toEqual([expect.stringMatching(/rewritten by cert-manager's cainjector/)]);
    expect(check([injected], [caBundle('MutatingWebhookConfiguration')]).map((v) => v.detail)).toEqual([
      expect.stringMatching(/without RespectIgnoreDifferences/),
    ]);
    expect(check([injected], [caBundle('MutatingWebhookConfiguration')], ['RespectIgnoreDifferences=true'])).toEqual([]);
  });

  it("covers a CRD's conversion webhook too", () => {
    const crd = stateObject({
      application: 'op',
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      name: 'things.example.com',
      clusterScoped: true,
      body: { spec: { conversion: { strategy: 'Webhook', webhook: { clientConfig: { service: { name: 'op', namespace: 'op' } } } } } },
    });
    expect(check([crd]).map((v) => v.detail)).toEqual([expect.stringMatching(/\/spec\/conversion\/webhook\/clientConfig\/caBundle/)]);
    expect(
      check(
        [crd],
        [
          {
            group: 'apiextensions.k8s.io',
            kind: 'CustomResourceDefinition',
            jqPathExpressions: ['.spec.conversion.webhook.clientConfig.caBundle'],
          },
        ],
      ),
    ).toEqual([]);
  });
});
