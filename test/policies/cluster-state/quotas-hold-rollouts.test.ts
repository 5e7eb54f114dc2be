import { describe, expect, it } from 'vitest';
import { podResources, meshInjection } from '../../../policies/cluster-state/pod-resources.js';
import { quotasHoldRollouts } from '../../../policies/cluster-state/quotas-hold-rollouts.js';
import type { StateObject } from '../../../policies/cluster-state/types.js';
import { podTemplateOf } from '../../../policies/cluster-state/workload-pods.js';
import { fixtureState, platformStates, stateAt, stateContext, stateObject } from '../../support/cluster-state.js';

const ns = 'team-trading';
const namespace = stateObject({
  kind: 'Namespace',
  name: ns,
  clusterScoped: true,
  body: { metadata: { name: ns, labels: { 'istio-injection': 'enabled' } } },
});
const injector = stateObject({
  application: 'istiod',
  kind: 'ConfigMap',
  name: 'istio-sidecar-injector',
  namespace: 'istio-system',
  body: {
    data: {
      values: JSON.stringify({
        global: { proxy: { resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '1', memory: '512Mi' } } } },
        pilot: { env: {} },
      }),
    },
  },
});
const limitRange = stateObject({
  kind: 'LimitRange',
  name: 'defaults',
  namespace: ns,
  body: {
    spec: { limits: [{ type: 'Container', defaultRequest: { cpu: '100m', memory: '128Mi' }, default: { cpu: '500m', memory: '512Mi' } }] },
  },
});
const rollout = stateObject({
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Rollout',
  name: 'order-gateway',
  namespace: ns,
  body: {
    spec: {
      template: {
        metadata: { labels: { app: 'order-gateway' } },
        spec: {
          containers: [{ name: 'app', resources: { requests: { cpu: '500m', memory: '1Gi' }, limits: { cpu: '2', memory: '2Gi' } } }],
        },
      },
      strategy: { blueGreen: { activeService: 'order-gateway', prePromotionAnalysis: { templates: [{ templateName: 'load-test' }] } } },
    },
  },
});
const hpa = stateObject({
  apiVersion: 'autoscaling/v2',
  kind: 'HorizontalPodAutoscaler',
  name: 'order-gateway',
  namespace: ns,
  body: { spec: { scaleTargetRef: { kind: 'Rollout', name: 'order-gateway' }, minReplicas: 3, maxReplicas: 12 } },
});
const loadTest = stateObject({
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'AnalysisTemplate',
  name: 'load-test',
  namespace: ns,
  // No resources: the LimitRange defaults apply (100m / 500m).
  body: {
    spec: {
      metrics: [
        {
          name: 'k6',
          provider: {
            job: {
              spec: {
                template: {
                  metadata: { annotations: { 'sidecar.istio.io/nativeSidecar': 'true' } },
                  spec: { containers: [{ name: 'k6' }] },
                },
              },
            },
          },
        },
      ],
    },
  },
});
const quota = (hard: Record<string, string | number>) =>
  stateObject({ kind: 'ResourceQuota', name: 'team-quota', namespace: ns, body: { spec: { hard } } });
const check = (...objects: StateObject[]) =>
  quotasHoldRollouts.check(fixtureState([namespace, injector, limitRange, rollout, hpa, loadTest, ...objects]), stateContext());

describe('quotas-hold-rollouts', () => {
  it('counts a pod as admission does: LimitRange defaults, istio-init and the proxy', () => {
    const template = podTemplateOf(rollout);
    if (!template) throw new Error('no template');
    const state = fixtureState([namespace, injector, limitRange, rollout]);
    const pod = podResources(template, state, meshInjection(state));
    expect(pod.requests.cpu).toBeCloseTo(0.6);
    expect(pod.limits.memory).toBe(2.5 * 2 ** 30);
  });

  it('passes a quota holding both ReplicaSets at the HPA maximum plus the load-test Job', () => {
    // 24 x 600m + (100m + 100m) = 14.6 CPU requested; 24 x 3 + (0.5 + 1) = 73.5 CPU limits; 25 pods.
    expect(
      check(quota({ 'requests.cpu': '14600m', 'limits.cpu': '73.5', 'requests.memory': '28Gi', 'limits.memory': '61Gi', pods: 25 })),
    ).toEqual([]);
  });

  it('fails a quota that only holds the steady state, naming the key, the need and its parts', () => {
    const found = check(quota({ 'requests.cpu': '8', pods: 24 }));
    expect(found.map((v) => v.where)).toEqual(['app#ResourceQuota/team-trading/team-quota', 'app#ResourceQuota/team-trading/team-quota']);
    expect(found[0]?.detail).toBe(
      'requests.cpu 8 < 14.6 at the worst moment of a rollout (order-gateway: active + preview at 12 replicas each: 14.4; load-test Job: 0.2)',
    );
    expect(found[1]?.detail).toMatch(/^pods 24 < 25/);
  });
});

describe('the TradeSense clusters', () => {
  it('the 8 CPU default budget could not hold a promotion of order-gateway at its HPA maximum', async () => {
    const state = await stateAt('prod/us-east-1');
    const old = state.objects.map((o) =>
      o.kind === 'ResourceQuota' && o.namespace === ns
        ? {
            ...o,
            body: {
              spec: { hard: { 'requests.cpu': '8', 'requests.memory': '16Gi', 'limits.cpu': '16', 'limits.memory': '32Gi', pods: 60 } },
            },
          }
        : o,
    );
    const found = quotasHoldRollouts.check({ ...state, objects: old }, stateContext('prod/us-east-1'));
    expect(found.map((v) => v.detail.split(' <')[0])).toEqual([
      'requests.cpu 8',
      'requests.memory 16Gi',
      'limits.cpu 16',
      'limits.memory 32Gi',
    ]);
  });

  it('every team quota holds its worst rollout in every cluster', async () => {
    for (const state of await platformStates()) expect(quotasHoldRollouts.check(state, stateContext(state.dir)), state.dir).toEqual([]);
  });
});
