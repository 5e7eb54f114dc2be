import { describe, expect, it } from 'vitest';
import { selectorMatches } from '../../../policies/cluster-state/label-selector.js';
import { monitoringResourcesSelected } from '../../../policies/cluster-state/monitoring-resources-selected.js';
import type { StateObject } from '../../../policies/cluster-state/types.js';
import { fixtureState, stateApplication, stateContext, stateObject } from '../../support/cluster-state.js';

const prometheus = (spec: Record<string, unknown>) =>
  stateObject({
    application: 'kps',
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'Prometheus',
    name: 'main',
    namespace: 'monitoring',
    body: { spec },
  });
const monitor = (kind: string, namespace: string, labels: Record<string, string> = {}) =>
  stateObject({
    application: 'app',
    apiVersion: `monitoring.coreos.com/${kind === 'AlertmanagerConfig' ? 'v1alpha1' : 'v1'}`,
    kind,
    name: 'm',
    namespace,
    body: { metadata: { name: 'm', labels } },
  });
const namespace = (name: string, labels: Record<string, string>) =>
  stateObject({ application: 'ns', kind: 'Namespace', name, clusterScoped: true, body: { metadata: { name, labels } } });
const check = (...objects: StateObject[]) =>
  monitoringResourcesSelected.check(fixtureState(objects, [stateApplication({ name: 'kps' })]), stateContext());

describe('label selectors', () => {
  it.each([
    [{}, {}, true],
    [{ matchLabels: { release: 'kps' } }, { release: 'kps' }, true],
    [{ matchLabels: { release: 'kps' } }, { release: 'other' }, false],
    [{ matchExpressions: [{ key: 'team', operator: 'In', values: ['risk', 'trading'] }] }, { team: 'risk' }, true],
    [{ matchExpressions: [{ key: 'team', operator: 'NotIn', values: ['risk'] }] }, {}, true],
    [{ matchExpressions: [{ key: 'team', operator: 'Exists' }] }, {}, false],
    [{ matchExpressions: [{ key: 'team', operator: 'DoesNotExist' }] }, {}, true],
    [{ matchLabels: { a: '1' }, matchExpressions: [{ key: 'b', operator: 'Exists' }] }, { a: '1' }, false],
  ])('%j matches %j: %s', (selector, labels, expected) => {
    expect(selectorMatches(selector, labels)).toBe(expected);
  });
});

describe('monitoring-resources-selected', () => {
  it('passes resources an empty selector picks up from every namespace', () => {
    const all = prometheus({
      serviceMonitorSelector: {},
      serviceMonitorNamespaceSelector: {},
      ruleSelector: {},
      ruleNamespaceSelector: {},
    });
    expect(check(all, monitor('ServiceMonitor', 'argo-rollouts'), monitor('PrometheusRule', 'monitoring'))).toEqual([]);
  });

  it('fails what a nil selector leaves out (nil selects nothing), naming the selectors', () => {
    const [v] = check(prometheus({ serviceMonitorSelector: {}, serviceMonitorNamespaceSelector: {} }), monitor('PodMonitor', 'monitoring'));
    expect(v?.where).toBe('app#PodMonitor/monitoring/m');
    expect(v?.detail).toMatch(
      /no Prometheus selects it: monitoring\/main \(podMonitorSelector nil \(nothing\), podMonitorNamespaceSelector nil \(its own namespace only\)\)/,
    );
  });

  it('honours label selectors and a nil namespace selector (own namespace only)', () => {
    const chartOnly = prometheus({ probeSelector: { matchLabels: { release: 'kps' } } });
    expect(check(chartOnly, monitor('Probe', 'monitoring', { release: 'kps' }))).toEqual([]);
    expect(check(chartOnly, monitor('Probe', 'monitoring'))).toHaveLength(1);
    expect(check(chartOnly, monitor('Probe', 'team-risk', { release: 'kps' }))).toHaveLength(1);
  });

  it("matches namespace selectors against the Namespace's labels and its automatic name label", () => {
    const teams = prometheus({
      ruleSelector: {},
      ruleNamespaceSelector: { matchExpressions: [{ key: 'tradesense.io/team', operator: 'Exists' }] },
    });
    expect(check(teams, namespace('team-risk', { 'tradesense.io/team': 'risk' }), monitor('PrometheusRule', 'team-risk'))).toEqual([]);
    expect(check(teams, monitor('PrometheusRule', 'observability'))).toHaveLength(1);
    const byName = prometheus({
      ruleSelector: {},
      ruleNamespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'observability' } },
    });
    expect(check(byName, monitor('PrometheusRule', 'observability'))).toEqual([]);
  });

  it("counts an Alertmanager's global AlertmanagerConfig as selected, and fails others its selectors miss", () => {
    const am = stateObject({
      application: 'kps',
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'Alertmanager',
      name: 'main',
      namespace: 'monitoring',
      body: { spec: { alertmanagerConfiguration: { name: 'm' } } },
    });
    expect(check(am, monitor('AlertmanagerConfig', 'monitoring'))).toEqual([]);
    expect(check(am, monitor('AlertmanagerConfig', 'team-risk'))).toHaveLength(1);
  });

  it('fails every monitor when the cluster runs no Prometheus', () => {
    const [v] = check(monitor('ServiceMonitor', 'monitoring'));
    expect(v?.detail).toBe('no Prometheus in this cluster picks up ServiceMonitors');
  });
});
