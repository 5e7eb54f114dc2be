import { loadAll } from 'js-yaml';
import { describe, expect, test } from 'vitest';
import { platformConfig } from '../support/platform.js';
import { renderedClusters } from '../support/manifests.js';

const docs = (env: string, region: string, file: string) => {
  const cluster = renderedClusters().find((c) => c.dir === `${env}/${region}`);
  const text = cluster?.files.get(file);
  if (!text) throw new Error(`no ${file} in ${env}/${region}`);
  return loadAll(text) as any[];
};

describe('team namespaces chart', () => {
  test('every cluster has a manifests folder with the baseline and a kustomization listing its files', () => {
    const clusters = renderedClusters();
    expect(clusters.map((c) => c.dir)).toEqual([
      'dev/us-east-1',
      'staging/us-east-1',
      'staging/us-west-2',
      'prod/us-east-1',
      'prod/us-west-2',
    ]);
    for (const c of clusters) {
      const [kustomization] = docs(...(c.dir.split('/') as [string, string]), 'kustomization.yaml');
      expect(kustomization.resources).toEqual([...c.files.keys()].filter((f) => f !== 'kustomization.yaml'));
      expect(kustomization.resources).toContain('team-namespaces.k8s.yaml');
    }
  });

  test('a namespace per team that runs services, labelled with the tag taxonomy', () => {
    const namespaces = docs('prod', 'us-east-1', 'team-namespaces.k8s.yaml').filter((d) => d.kind === 'Namespace');
    expect(namespaces.map((n) => n.metadata.name).sort()).toEqual(['team-market-data', 'team-portfolio', 'team-risk', 'team-trading']);
    const risk = namespaces.find((n) => n.metadata.name === 'team-risk');
    expect(risk.metadata.labels).toMatchObject({
      'tradesense.io/environment': 'prod',
      'tradesense.io/team': 'risk',
      'tradesense.io/cost-centre': platformConfig().teams.find((t) => t.name === 'risk')?.costCentre,
      'tradesense.io/managed-by': 'argocd',
      'tradesense.io/data-classification': 'restricted',
    });
  });

  test('each team namespace has a quota and container defaults', () => {
    const all = docs('dev', 'us-east-1', 'team-namespaces.k8s.yaml');
    const quota = all.find((d) => d.kind === 'ResourceQuota' && d.metadata.namespace === 'team-trading');
    // order-gateway: 2 x 12 pods x (500m + 100m proxy) + the k6 Job (500m + 100m) = 15 CPU, above the 8 CPU default budget.
    expect(quota.spec.hard).toEqual({
      'requests.cpu': '15',
      'requests.memory': '28Gi',
      'limits.cpu': '75',
      'limits.memory': '62Gi',
      pods: 60,
    });
    const risk = all.find((d) => d.kind === 'ResourceQuota' && d.metadata.namespace === 'team-risk');
    // Where the budget holds the rollout, it stays as configured.
    expect(risk.spec.hard).toMatchObject({ 'requests.cpu': '8', 'requests.memory': '16Gi', 'limits.memory': '32Gi' });
    const limits = all.find((d) => d.kind === 'LimitRange' && d.metadata.namespace === 'team-trading');
    expect(limits.spec.limits[0]).toMatchObject({
      type: 'Container',
      defaultRequest: { cpu: '100m', memory: '128Mi' },
      default: { cpu: '500m', memory: '512Mi' },
    });
  });
});
