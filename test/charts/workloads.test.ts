import { describe, expect, test } from 'vitest';
import { SERVICE_NAME_LABEL } from '../../charts/workloads/names.js';
import { clusterAt, findObjects, renderedClusters } from '../support/manifests.js';
import { platformConfig } from '../support/platform.js';

describe('service accounts', () => {
  test.each(renderedClusters().map((c) => [c.dir, c] as const))(
    '%s: one per service, in its team namespace, no token mounted',
    (_dir, cluster) => {
      const accounts = findObjects(cluster, { kind: 'ServiceAccount', file: 'service-accounts.k8s.yaml' });
      expect(accounts.map((a) => `${a.metadata.namespace}/${a.metadata.name}`).sort()).toEqual(
        platformConfig()
          .services.map((s) => `team-${s.team}/${s.name}`)
          .sort(),
      );
      for (const a of accounts) expect(a.automountServiceAccountToken).toBe(false);
    },
  );

  test('carry the tag taxonomy and the service label the mesh selects on', () => {
    const [risk] = findObjects(clusterAt('prod/us-east-1'), { kind: 'ServiceAccount', name: 'risk-engine' });
    expect(risk?.metadata.labels).toMatchObject({
      [SERVICE_NAME_LABEL]: 'risk-engine',
      'tradesense.io/team': 'risk',
      'tradesense.io/service': 'risk-engine',
      'tradesense.io/environment': 'prod',
      'tradesense.io/managed-by': 'argocd',
    });
  });
});
