import { describe, expect, test } from 'vitest';
import { renderClusters, type RenderedCluster } from '../../charts/app.js';
import { CAPACITY_TYPE_LABEL } from '../../charts/rollouts/scheduling.js';
import { clusterAt, clusterWith, findObjects } from '../support/manifests.js';
import { configWith } from '../support/platform.js';

const affinities = (cluster: RenderedCluster) =>
  Object.fromEntries(findObjects(cluster, { kind: 'Rollout' }).map((r) => [r.metadata.name, (r.spec as any).template.spec.affinity]));
const ON_DEMAND = {
  nodeAffinity: {
    requiredDuringSchedulingIgnoredDuringExecution: {
      nodeSelectorTerms: [{ matchExpressions: [{ key: CAPACITY_TYPE_LABEL, operator: 'In', values: ['on-demand'] }] }],
    },
  },
};

describe('order-path scheduling', () => {
  test('in production the order-path services (config services[].orderPath) run on on-demand Karpenter nodes only; the others take spot', () => {
    for (const dir of ['prod/us-east-1', 'prod/us-west-2']) {
      expect(affinities(clusterAt(dir))).toEqual({
        'order-gateway': ON_DEMAND,
        'market-data-feed': undefined,
        'risk-engine': ON_DEMAND,
        'portfolio-api': undefined,
      });
    }
  });

  test('dev and staging stay on spot', () => {
    for (const dir of ['dev/us-east-1', 'staging/us-west-2']) expect(Object.values(affinities(clusterAt(dir))).filter(Boolean)).toEqual([]);
  });

  test('follows the flag, not the name', () => {
    const config = configWith((c) => {
      c.services = c.services.map((s) => ({ ...s, orderPath: s.name === 'portfolio-api' }));
    });
    expect(affinities(clusterWith(config, 'prod/us-east-1'))).toEqual({
      'order-gateway': undefined,
      'market-data-feed': undefined,
      'risk-engine': undefined,
      'portfolio-api': ON_DEMAND,
    });
  });

  test('refuses a production environment whose capacity has no on-demand workload nodes', () => {
    const config = configWith((c) => {
      Object.assign(c.cost.environments.prod ?? {}, { capacity: 'managed-spot' });
    });
    expect(() => renderClusters(config)).toThrow(
      /services\[order-gateway\]\.orderPath needs on-demand workload capacity in prod.*set cost\.environments\.prod\.capacity to 'karpenter'/,
    );
  });
});
