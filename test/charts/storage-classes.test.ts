import { describe, expect, test } from 'vitest';
import { PLATFORM_COMPONENTS } from '../../charts/components.js';
import { STORAGE_COMPONENTS } from '../../charts/storage/components.js';
import { DEFAULT_STORAGE_CLASS } from '../../charts/storage/storage-classes.js';
import { clusterAt, findObject } from '../support/manifests.js';
import { resourcesOf } from '../support/platform.js';

describe('storage classes', () => {
  test('the cluster stack creates the volume key under the alias the StorageClass names, and grants the EBS CSI role on it', () => {
    const prod = clusterAt('prod/us-east-1');
    const aliases = resourcesOf('prod-us-east-1-cluster', 'aws_kms_alias').map((a) => a.name);
    const { facts } = prod.view;
    const sc = findObject(prod, { kind: 'StorageClass', name: DEFAULT_STORAGE_CLASS }) as Record<string, any>;
    expect(sc.parameters.kmsKeyId).toBe(`arn:aws:kms:${facts.region}:${facts.accountId}:alias/${facts.clusterName}-volumes`);
    expect(aliases).toContain(`alias/${facts.clusterName}-volumes`);
    const csiPolicy = JSON.stringify(resourcesOf('prod-us-east-1-cluster', 'aws_iam_role_policy'));
    expect(csiPolicy).toMatch(/kms:CreateGrant/);
  });

  test.each([
    ['prod/us-east-1', 'Retain'],
    ['dev/us-east-1', 'Delete'],
  ])('%s: gp3 is the default class, keeping released volumes only in production (%s)', (dir, reclaimPolicy) => {
    const sc = findObject(clusterAt(dir), { kind: 'StorageClass', name: DEFAULT_STORAGE_CLASS }) as Record<string, any>;
    expect(sc.reclaimPolicy).toBe(reclaimPolicy);
    expect(
      Object.entries(sc.parameters)
        .filter(([k]) => k.startsWith('tagSpecification_'))
        .map(([, v]) => String(v).split('=')[0]),
    ).toEqual(expect.arrayContaining(['Environment', 'Team', 'CostCentre', 'Service']));
  });

  test('come from a registered component, whitelisted for StorageClasses, at a wave before the operators that claim volumes', () => {
    const [component] = STORAGE_COMPONENTS;
    expect(PLATFORM_COMPONENTS).toContain(component);
    expect(component?.clusterScopedKinds).toEqual(['storage.k8s.io/StorageClass']);
    const operators = PLATFORM_COMPONENTS.filter((c) => ['kube-prometheus-stack', 'tempo'].includes(c.name));
    expect(operators).toHaveLength(2);
    for (const o of operators) expect(component?.syncWave).toBeLessThan(o.syncWave);
  });
});
