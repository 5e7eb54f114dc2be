import { describe, expect, test } from 'vitest';
import { capacityShares, cpuCores } from '../../../tools/reports/team-shares.js';
import { fixtureState, platformStates, stateObject } from '../../support/cluster-state.js';
import { costBreakdownReport } from '../../../tools/reports/cost-breakdown.js';
import { platformConfig, platformStacks } from '../../support/platform.js';

const namespace = (name: string, team?: string) =>
  stateObject({
    kind: 'Namespace',
    name,
    clusterScoped: true,
    body: { metadata: { name, labels: team ? { 'tradesense.io/team': team } : {} } },
  });
const deployment = (name: string, ns: string, replicas: number, cpu: string) =>
  stateObject({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    name,
    namespace: ns,
    body: { spec: { replicas, template: { spec: { containers: [{ name, resources: { requests: { cpu } } }] } } } },
  });

describe('shared capacity by team', () => {
  test('CPU quantities', () => {
    expect([cpuCores('500m'), cpuCores('2'), cpuCores(undefined)]).toEqual([0.5, 2, 0]);
  });

  test("splits by each team's requested CPU; namespaces without a team label are the fallback team's", () => {
    const state = fixtureState([
      namespace('team-trading', 'trading'),
      namespace('monitoring'),
      deployment('order-gateway', 'team-trading', 3, '500m'),
      deployment('prometheus', 'monitoring', 1, '1500m'),
    ]);
    expect([...capacityShares([state], 'tradesense.io/team', 'platform')]).toEqual([
      ['platform', 0.5],
      ['trading', 0.5],
    ]);
  });

  test('the HPA minimum, not spec.replicas, is the steady state of an autoscaled workload', () => {
    const hpa = stateObject({
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      name: 'x',
      namespace: 'team-trading',
      body: { spec: { minReplicas: 4, scaleTargetRef: { kind: 'Deployment', name: 'order-gateway' } } },
    });
    const state = fixtureState([
      namespace('team-trading', 'trading'),
      deployment('order-gateway', 'team-trading', 1, '1'),
      hpa,
      deployment('p', 'monitoring', 1, '1'),
    ]);
    expect(capacityShares([state], 'tradesense.io/team', 'platform').get('trading')).toBe(0.8);
  });

  test('the synthesized report gives every team with services a slice of the shared capacity', async () => {
    const config = platformConfig();
    const stacks = platformStacks();
    const report = costBreakdownReport({ stacks, clusters: [], states: await platformStates() }, config);
    expect(report).toContain('split by each team');
    for (const team of new Set(config.services.map((s) => s.team))) expect(report).toContain(`"${team}"`);
  });
});
