import { describe, expect, it } from 'vitest';
import { externalSecretsConsumed } from '../../../policies/cluster-state/external-secrets-consumed.js';
import type { StateObject } from '../../../policies/cluster-state/types.js';
import { fixtureState, stateContext, stateObject } from '../../support/cluster-state.js';

const ns = 'team-risk';
const externalSecret = (name: string, target: Record<string, unknown> = {}) =>
  stateObject({
    application: 'service-secrets',
    apiVersion: 'external-secrets.io/v1',
    kind: 'ExternalSecret',
    name,
    namespace: ns,
    body: { spec: { target: { name, ...target } } },
  });
const rollout = (podSpec: Record<string, unknown>, namespace = ns) =>
  stateObject({
    application: 'service-rollouts',
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Rollout',
    name: 'risk-engine',
    namespace,
    body: { spec: { template: { spec: podSpec } } },
  });
const check = (...objects: StateObject[]) => externalSecretsConsumed.check(fixtureState(objects), stateContext());

describe('external-secrets-consumed', () => {
  it('fails a synced Secret nothing reads, naming the ExternalSecret and the Secret', () => {
    const [v] = check(externalSecret('risk-engine-app'), rollout({ containers: [{ name: 'c' }] }));
    expect(v?.where).toBe('service-secrets#ExternalSecret/team-risk/risk-engine-app');
    expect(v?.detail).toBe('its target Secret team-risk/risk-engine-app is read by no pod and no known consumer in the cluster');
  });

  it('fails a Secret read only from another namespace', () => {
    expect(
      check(
        externalSecret('risk-engine-app'),
        rollout({ containers: [{ name: 'c', envFrom: [{ secretRef: { name: 'risk-engine-app' } }] }] }, 'team-trading'),
      ),
    ).toHaveLength(1);
  });

  it('passes Secrets pods read through envFrom, env or a volume (optional ones too)', () => {
    const pod = {
      containers: [
        {
          name: 'c',
          envFrom: [{ secretRef: { name: 'risk-engine-app' } }],
          env: [{ name: 'K', valueFrom: { secretKeyRef: { name: 'api-key', key: 'k', optional: true } } }],
        },
      ],
      volumes: [{ name: 'db', secret: { secretName: 'risk-engine-database' } }],
    };
    expect(
      check(externalSecret('risk-engine-app'), externalSecret('api-key'), externalSecret('risk-engine-database'), rollout(pod)),
    ).toEqual([]);
  });

  it('passes Secrets operators read by name and Argo CD reads by label', () => {
    const receivers = stateObject({
      application: 'alerting',
      apiVersion: 'monitoring.coreos.com/v1alpha1',
      kind: 'AlertmanagerConfig',
      name: 'tradesense',
      namespace: ns,
      body: {
        spec: {
          receivers: [{ name: 'heartbeat', webhookConfigs: [{ urlSecret: { name: 'alertmanager-receivers', key: 'heartbeat-url' } }] }],
        },
      },
    });
    const repo = externalSecret('repo-creds', { template: { metadata: { labels: { 'argocd.argoproj.io/secret-type': 'repository' } } } });
    expect(check(externalSecret('alertmanager-receivers'), receivers, repo)).toEqual([]);
  });

  it('passes TLS Secrets a gateway or Ingress serves and pull secrets of a ServiceAccount', () => {
    const gateway = stateObject({
      application: 'edge',
      apiVersion: 'networking.istio.io/v1',
      kind: 'Gateway',
      name: 'api',
      namespace: ns,
      body: { spec: { servers: [{ tls: { credentialName: 'api-tls' } }] } },
    });
    const ingress = stateObject({
      application: 'edge',
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      name: 'web',
      namespace: ns,
      body: { spec: { tls: [{ secretName: 'web-tls' }] } },
    });
    const account = stateObject({
      application: 'edge',
      kind: 'ServiceAccount',
      name: 'sa',
      namespace: ns,
      body: { imagePullSecrets: [{ name: 'registry' }] },
    });
    expect(check(externalSecret('api-tls'), externalSecret('web-tls'), externalSecret('registry'), gateway, ingress, account)).toEqual([]);
  });

  it('follows the target name, not the ExternalSecret name', () => {
    const renamed = externalSecret('risk-engine-source', { name: 'risk-engine-app' });
    expect(check(renamed, rollout({ containers: [{ name: 'c', envFrom: [{ secretRef: { name: 'risk-engine-app' } }] }] }))).toEqual([]);
  });
});
