import { Deployment } from 'kubernetes-models/apps/v1';
import { describe, expect, test } from 'vitest';
import { validateObject } from '../support/manifest-validation.js';
import { objectsOf, renderedClusters, type K8sObject } from '../support/manifests.js';
import { removedApi } from '../support/removed-apis.js';

const clusters = renderedClusters();

describe.each(clusters.map((c) => [c.dir, c] as const))('cluster %s', (_dir, cluster) => {
  test('every manifest validates against its schema and declares no unknown field', async () => {
    const problems: string[] = [];
    for (const { file, object } of objectsOf(cluster)) {
      for (const problem of await validateObject(object)) problems.push(`${file} ${object.kind}/${object.metadata.name}: ${problem}`);
    }
    expect(problems).toEqual([]);
  });

  test('uses no API removed in the configured EKS version', () => {
    const version = cluster.view.kubeVersion;
    const problems = objectsOf(cluster).flatMap(({ file, object }) => {
      const why = removedApi(object, version);
      return why ? [`${file} ${object.kind}/${object.metadata.name}: ${why}`] : [];
    });
    expect(problems).toEqual([]);
  });
});

const deployment = (container: Record<string, unknown>): K8sObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'probe', namespace: 'team-risk' },
  spec: {
    selector: { matchLabels: { app: 'probe' } },
    template: {
      metadata: { labels: { app: 'probe' } },
      spec: { containers: [{ name: 'probe', image: 'registry/probe:1.0.0', ...container }] },
    },
  },
});

describe('the schema check', () => {
  test('rejects a misspelt field that kubernetes-models alone accepts', async () => {
    const typo = deployment({ imagePullPolcy: 'Always' });
    expect(() => new Deployment(typo as never).validate()).not.toThrow();
    expect(await validateObject(typo)).toEqual([
      expect.stringMatching(/^\/spec\/template\/spec\/containers\/0\/imagePullPolcy is not a field of apps\/v1 Deployment/),
    ]);
  });

  test('accepts the same object spelt right', async () => {
    expect(await validateObject(deployment({ imagePullPolicy: 'Always' }))).toEqual([]);
  });

  test('rejects a wrong type or enum value of a declared field', async () => {
    const problems = await validateObject(deployment({ imagePullPolicy: 'Sometimes', ports: [{ containerPort: 'http' }] }));
    expect(problems.join('\n')).toMatch(/containers\/0\/ports\/0\/containerPort/);
  });

  test('rejects an unknown field in a packaged custom resource, but not inside Helm values', async () => {
    const app: K8sObject = {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      metadata: { name: 'probe', namespace: 'argocd' },
      spec: {
        project: 'platform',
        destination: { server: 'https://kubernetes.default.svc', namespace: 'velero' },
        source: {
          repoURL: 'https://example.com/charts',
          chart: 'probe',
          targetRevison: '1.0.0',
          helm: { valuesObject: { anyKey: { nested: true } } },
        },
      },
    };
    expect(await validateObject(app)).toEqual([
      expect.stringMatching(/^\/spec\/source\/targetRevison is not a field of argoproj\.io\/v1alpha1 Application/),
    ]);
  });

  test('rejects an unknown field and a bad enum in a project-defined schema', async () => {
    const bsl: K8sObject = {
      apiVersion: 'velero.io/v1',
      kind: 'BackupStorageLocation',
      metadata: { name: 'probe', namespace: 'velero' },
      spec: { provider: 'aws', accessMode: 'WriteOnly', objectStorage: { bucket: 'b', bukket: 'b' } },
    };
    const problems = (await validateObject(bsl)).join('\n');
    expect(problems).toMatch(/\/spec\/objectStorage must NOT have additional properties/);
    expect(problems).toMatch(/\/spec\/accessMode must be equal to one of the allowed values/);
  });

  test('maps an Istio v1 kind to the identical schema of its packaged version', async () => {
    const peer: K8sObject = {
      apiVersion: 'security.istio.io/v1',
      kind: 'PeerAuthentication',
      metadata: { name: 'default', namespace: 'istio-system' },
      spec: { mtls: { mode: 'STRICT' } },
    };
    expect(await validateObject(peer)).toEqual([]);
    expect(await validateObject({ ...peer, spec: { mtls: { mode: 'STRICTER' } } })).not.toEqual([]);
  });

  test('fails a kind it has no schema for', async () => {
    expect(await validateObject({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' }, spec: {} })).toEqual([
      expect.stringMatching(/^no schema for example\.com\/v1 Widget/),
    ]);
  });
});

describe('removed APIs', () => {
  test.each([
    ['batch/v1beta1', 'CronJob', '1.33', true],
    ['batch/v1beta1', 'CronJob', '1.24', false],
    ['policy/v1beta1', 'PodDisruptionBudget', '1.33', true],
    ['flowcontrol.apiserver.k8s.io/v1beta3', 'FlowSchema', '1.32', true],
    ['flowcontrol.apiserver.k8s.io/v1beta3', 'FlowSchema', '1.31', false],
    ['policy/v1', 'PodDisruptionBudget', '1.33', false],
    ['autoscaling/v2', 'HorizontalPodAutoscaler', '1.33', false],
  ])('%s %s on %s removed: %s', (apiVersion, kind, version, removed) => {
    expect(removedApi({ apiVersion, kind }, version) !== undefined).toBe(removed);
  });
});
