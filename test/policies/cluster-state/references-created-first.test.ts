import { describe, expect, it } from 'vitest';
import { referencesCreatedFirst } from '../../../policies/cluster-state/references-created-first.js';
import type { StateObject } from '../../../policies/cluster-state/types.js';
import { fixtureState, stateApplication, stateContext, stateObject } from '../../support/cluster-state.js';

const ns = 'monitoring';
const deployment = (application: string, podSpec: Record<string, unknown>, source = 'app.k8s.yaml') =>
  stateObject({
    application,
    source,
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    name: 'grafana',
    namespace: ns,
    body: { spec: { template: { spec: podSpec } } },
  });
const envFrom = (name: string, optional?: boolean) => ({
  containers: [
    { name: 'c', env: [{ name: 'PASSWORD', valueFrom: { secretKeyRef: { name, key: 'password', ...(optional ? { optional } : {}) } } }] },
  ],
});
const externalSecret = (application: string, name: string, target: Record<string, unknown> = {}) =>
  stateObject({
    application,
    apiVersion: 'external-secrets.io/v1',
    kind: 'ExternalSecret',
    name,
    namespace: ns,
    body: { spec: { target: { name, ...target } } },
  });

const check = (objects: StateObject[], waves: Record<string, number>) =>
  referencesCreatedFirst.check(
    fixtureState(
      objects,
      Object.entries(waves).map(([name, wave]) => stateApplication({ name, wave })),
    ),
    stateContext(),
  );

describe('references-created-first', () => {
  it('fails a pod whose Secret comes from an ExternalSecret of a later wave, naming both and the field', () => {
    const [v, ...rest] = check([deployment('stack', envFrom('grafana-admin')), externalSecret('alerting', 'grafana-admin')], {
      stack: 20,
      alerting: 50,
    });
    expect(rest).toEqual([]);
    expect(v?.where).toBe('stack#Deployment/monitoring/grafana');
    expect(v?.detail).toMatch(
      /needs Secret monitoring\/grafana-admin \(container c env PASSWORD\) at wave 20 .*created later, by ExternalSecret grafana-admin at wave 50/,
    );
  });

  it('passes what is created earlier, in the same wave, or referenced optionally', () => {
    expect(
      check([deployment('stack', envFrom('grafana-admin')), externalSecret('alerting', 'grafana-admin')], { stack: 23, alerting: 22 }),
    ).toEqual([]);
    expect(
      check([deployment('stack', envFrom('grafana-admin')), externalSecret('alerting', 'grafana-admin')], { stack: 20, alerting: 20 }),
    ).toEqual([]);
    expect(
      check([deployment('stack', envFrom('grafana-admin', true)), externalSecret('alerting', 'grafana-admin')], {
        stack: 20,
        alerting: 50,
      }),
    ).toEqual([]);
  });

  it('reads volumes, projected sources, envFrom and imagePullSecrets, and the ExternalSecret target name', () => {
    const pod = {
      imagePullSecrets: [{ name: 'pull' }],
      volumes: [
        { name: 'v', configMap: { name: 'dashboards' } },
        { name: 'p', projected: { sources: [{ secret: { name: 'tls' } }] } },
      ],
      containers: [{ name: 'c', envFrom: [{ secretRef: { name: 'settings' } }] }],
    };
    const creators = [
      stateObject({ application: 'late', kind: 'Secret', name: 'pull', namespace: ns }),
      stateObject({ application: 'late', kind: 'ConfigMap', name: 'dashboards', namespace: ns }),
      externalSecret('late', 'tls-source', { name: 'tls' }),
      externalSecret('late', 'settings'),
    ];
    const found = check([deployment('stack', pod), ...creators], { stack: 20, late: 40 });
    expect(found.map((v) => /needs (\w+ \S+)/.exec(v.detail)?.[1]).sort()).toEqual([
      'ConfigMap monitoring/dashboards',
      'Secret monitoring/pull',
      'Secret monitoring/settings',
      'Secret monitoring/tls',
    ]);
  });

  it("orders hooks inside one Application: a PreSync Secret comes before the Sync phase's pods", () => {
    const hook = stateObject({
      application: 'stack',
      kind: 'Secret',
      name: 'grafana-admin',
      namespace: ns,
      wave: 5,
      body: { metadata: { annotations: { 'helm.sh/hook': 'pre-install' } } },
    });
    expect(check([deployment('stack', envFrom('grafana-admin')), hook], { stack: 20 })).toEqual([]);
    const late = stateObject({ application: 'stack', kind: 'Secret', name: 'grafana-admin', namespace: ns, wave: 5 });
    expect(check([deployment('stack', envFrom('grafana-admin')), late], { stack: 20 })).toHaveLength(1);
  });

  it("fails an Alertmanager whose global AlertmanagerConfig comes later, and an ExternalSecret template's ConfigMap", () => {
    const am = stateObject({
      application: 'stack',
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'Alertmanager',
      name: 'main',
      namespace: ns,
      body: { spec: { alertmanagerConfiguration: { name: 'tradesense' } } },
    });
    const amc = stateObject({
      application: 'alerting',
      apiVersion: 'monitoring.coreos.com/v1alpha1',
      kind: 'AlertmanagerConfig',
      name: 'tradesense',
      namespace: ns,
    });
    const templated = externalSecret('stack', 'rendered', {
      template: { templateFrom: [{ configMap: { name: 'template', items: [{ key: 'k' }] } }] },
    });
    const cm = stateObject({ application: 'alerting', kind: 'ConfigMap', name: 'template', namespace: ns });
    const found = check([am, amc, templated, cm], { stack: 20, alerting: 50 });
    expect(found.map((v) => v.where).sort()).toEqual(['stack#Alertmanager/monitoring/main', 'stack#ExternalSecret/monitoring/rendered']);
  });

  it('allows a chart to need what nothing renders (its controllers make it), not our files', () => {
    expect(check([deployment('stack', envFrom('webhook-cert'), 'helm:kube-prometheus-stack-88.0.0')], { stack: 20 })).toEqual([]);
    const [v] = check([deployment('stack', envFrom('webhook-cert'))], { stack: 20 });
    expect(v?.detail).toMatch(/needs Secret monitoring\/webhook-cert .*which nothing in the cluster creates/);
  });
});
