import { describe, expect, test } from 'vitest';
import { renderClusters } from '../../charts/app.js';
import { VELERO_COMPONENTS } from '../../charts/velero/components.js';
import { veleroTtl } from '../../charts/velero/velero-schedules.js';
import { clusterFacts, retentionDays } from '../../config/index.js';
import { clusterAt, findObject, findObjects, type K8sObject } from '../support/manifests.js';
import { configWith, platformConfig } from '../support/platform.js';

const spec = (o: K8sObject) => o.spec as Record<string, any>;
const prodEast = clusterAt('prod/us-east-1');

describe('Velero server', () => {
  test('pinned chart with the AWS plugin from the cluster ECR, Pod Identity service account, no static credentials', () => {
    const source = spec(findObject(prodEast, { kind: 'Application', name: 'velero' })).source;
    expect(source.targetRevision).toMatch(/^\d+\.\d+\.\d+$/);
    const values = source.helm.valuesObject;
    expect(values.credentials).toEqual({ useSecret: false });
    expect(values.serviceAccount.server.name).toBe(prodEast.ctx.facts.podIdentities.velero.serviceAccount);
    expect(prodEast.ctx.facts.podIdentities.velero).toMatchObject({ namespace: 'velero', serviceAccount: 'velero' });
    expect(values.initContainers[0].image).toMatch(new RegExp(`^${prodEast.ctx.facts.ecrRegistry}/docker-hub/velero/velero-plugin-for-aws:v\\d+\\.\\d+\\.\\d+$`));
    expect(VELERO_COMPONENTS[0]?.providesCrds).toEqual(expect.arrayContaining(['velero.io/Schedule', 'velero.io/BackupStorageLocation']));
  });
});

describe('backup storage locations', () => {
  test('the default location writes to this region’s bucket under this cluster’s prefix', () => {
    const bsl = spec(findObject(prodEast, { kind: 'BackupStorageLocation', name: 'default' }));
    expect(bsl).toEqual({
      provider: 'aws',
      default: true,
      accessMode: 'ReadWrite',
      objectStorage: { bucket: prodEast.ctx.facts.veleroBucket, prefix: 'tradesense-prod-us-east-1' },
      config: { region: 'us-east-1' },
    });
  });

  test('the peer cluster’s replicated backups are mounted read-only', () => {
    const west = clusterAt('prod/us-west-2');
    const peer = spec(findObject(west, { kind: 'BackupStorageLocation', name: 'peer-region' }));
    const eastFacts = clusterFacts(platformConfig(), prodEast.ctx.target);
    expect(peer).toMatchObject({ accessMode: 'ReadOnly', default: false, objectStorage: { bucket: west.ctx.facts.veleroBucket, prefix: eastFacts.clusterName } });
  });

  test('a one-region environment has no peer location', () => {
    expect(findObjects(clusterAt('dev/us-east-1'), { kind: 'BackupStorageLocation' }).map((b) => b.metadata.name)).toEqual(['default']);
  });
});

describe('schedules', () => {
  const ttl = veleroTtl(retentionDays(platformConfig(), 'backups'));

  test('TTLs come from the backups retention', () => {
    expect(ttl).toBe('840h0m0s');
    for (const s of findObjects(prodEast, { kind: 'Schedule' })) expect(spec(s).template.ttl).toBe(ttl);
  });

  test('hourly backups cover only the namespaces of stateful services', () => {
    const hourly = spec(findObject(prodEast, { kind: 'Schedule', name: 'hourly-stateful' }));
    expect(hourly.schedule).toBe('0 * * * *');
    expect(hourly.template).toMatchObject({ includedNamespaces: ['team-risk'], includeClusterResources: false, storageLocation: 'default' });
  });

  test('the daily backup is full, cluster-scoped resources included', () => {
    const daily = spec(findObject(prodEast, { kind: 'Schedule', name: 'daily-full' }));
    expect(daily.schedule).toBe('0 3 * * *');
    expect(daily.template).toMatchObject({ includedNamespaces: ['*'], includeClusterResources: true });
  });

  test('a shorter retention shortens every TTL', () => {
    const config = configWith((i) => {
      i.retention.backups.retentionDays = 30;
    });
    for (const s of findObjects(clusterAt('dev/us-east-1', renderClusters(config)), { kind: 'Schedule' })) expect(spec(s).template.ttl).toBe('720h0m0s');
  });

  test('without stateful services there is no hourly schedule', () => {
    const config = configWith((i) => {
      i.services = i.services.map((s) => ({ ...s, stateful: false }));
    });
    const names = findObjects(clusterAt('dev/us-east-1', renderClusters(config)), { kind: 'Schedule' }).map((s) => s.metadata.name);
    expect(names).toEqual(['daily-full']);
  });
});
