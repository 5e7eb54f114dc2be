import { describe, expect, test } from 'vitest';
import { AWS_PLUGIN_VERSION, VELERO_CHART_VERSION, VELERO_COMPONENTS, VELERO_VERSION } from '../../charts/velero/components.js';
import { VOLUME_DATA, veleroTtl } from '../../charts/velero/velero-schedules.js';
import { PEER_LOCATION, teamNamespace, VELERO_DEFAULT_LOCATION } from '../../config/derive/cluster-names.js';
import { retentionDays } from '../../config/derive/retention.js';
import { readChartLock, REPO_ROOT } from '../../tools/helm/chart-lock.js';
import { stateAt } from '../support/cluster-state.js';
import { clusterAt, clusterWith, findObject, findObjects, type K8sObject } from '../support/manifests.js';
import { configWith, platformConfig } from '../support/platform.js';

const spec = (o: K8sObject) => o.spec as Record<string, any>;
const prodEast = clusterAt('prod/us-east-1');

describe('Velero server', () => {
  test('pinned chart with the AWS plugin from the cluster ECR, Pod Identity service account, no static credentials', () => {
    const source = spec(findObject(prodEast, { kind: 'Application', name: 'velero' })).source;
    expect(source.targetRevision).toMatch(/^\d+\.\d+\.\d+$/);
    const values = source.helm.valuesObject;
    expect(values.credentials).toEqual({ useSecret: false });
    expect(values.serviceAccount.server.name).toBe(prodEast.view.facts.podIdentities.velero.serviceAccount);
    expect(prodEast.view.facts.podIdentities.velero).toMatchObject({ namespace: 'velero', serviceAccount: 'velero' });
    expect(values.initContainers[0].image).toMatch(
      new RegExp(`^${prodEast.view.facts.ecrRegistry}/docker-hub/velero/velero-plugin-for-aws:v\\d+\\.\\d+\\.\\d+$`),
    );
    expect(VELERO_COMPONENTS[0]?.providesCrds).toEqual(expect.arrayContaining(['velero.io/Schedule', 'velero.io/BackupStorageLocation']));
  });
});

describe('backup storage locations', () => {
  test('the default location writes to this region’s bucket under this cluster’s prefix', () => {
    const bsl = spec(findObject(prodEast, { kind: 'BackupStorageLocation', name: VELERO_DEFAULT_LOCATION }));
    const { facts, region } = prodEast.view;
    expect(bsl).toEqual({
      provider: 'aws',
      default: true,
      accessMode: 'ReadWrite',
      objectStorage: { bucket: facts.veleroBucket, prefix: facts.clusterName },
      config: { region },
    });
  });

  test('the peer cluster’s replicated backups are mounted read-only', () => {
    const west = clusterAt('prod/us-west-2');
    expect(west.view.peers.map((p) => p.region)).toEqual([prodEast.view.region]);
    const peer = spec(findObject(west, { kind: 'BackupStorageLocation', name: PEER_LOCATION }));
    expect(peer).toMatchObject({
      accessMode: 'ReadOnly',
      default: false,
      objectStorage: { bucket: west.view.facts.veleroBucket, prefix: prodEast.view.facts.clusterName },
    });
  });

  test('a one-region environment has no peer location', () => {
    expect(findObjects(clusterAt('dev/us-east-1'), { kind: 'BackupStorageLocation' }).map((b) => b.metadata.name)).toEqual(['default']);
  });
});

describe('schedules', () => {
  const ttl = veleroTtl(retentionDays(platformConfig(), 'backups'));

  test('TTLs come from the backups retention', () => {
    expect(ttl).toBe(`${platformConfig().retention.backups.retentionDays * 24}h0m0s`);
    for (const s of findObjects(prodEast, { kind: 'Schedule' })) expect(spec(s).template.ttl).toBe(ttl);
  });

  test('hourly backups cover only the namespaces of stateful services', () => {
    const hourly = spec(findObject(prodEast, { kind: 'Schedule', name: 'hourly-stateful' }));
    const stateful = [
      ...new Set(
        platformConfig()
          .services.filter((s) => s.stateful)
          .map((s) => teamNamespace(s.team)),
      ),
    ].sort();
    expect(stateful.length).toBeGreaterThan(0);
    expect(hourly.schedule).toBe(platformConfig().gitops.backupSchedules.hourly);
    expect(hourly.template).toMatchObject({
      includedNamespaces: stateful,
      includeClusterResources: false,
      storageLocation: VELERO_DEFAULT_LOCATION,
    });
  });

  test('the daily backup is full, cluster-scoped resources included', () => {
    const daily = spec(findObject(prodEast, { kind: 'Schedule', name: 'daily-full' }));
    expect(daily.schedule).toBe(platformConfig().gitops.backupSchedules.daily);
    expect(daily.template).toMatchObject({ includedNamespaces: ['*'], includeClusterResources: true });
  });

  test('a shorter retention shortens every TTL', () => {
    const config = configWith((i) => {
      i.retention.backups.retentionDays = 30;
    });
    for (const s of findObjects(clusterWith(config, 'dev/us-east-1'), { kind: 'Schedule' })) expect(spec(s).template.ttl).toBe('720h0m0s');
  });

  test('without stateful services there is no hourly schedule', () => {
    const config = configWith((i) => {
      i.services = i.services.map((s) => ({ ...s, stateful: false }));
    });
    const names = findObjects(clusterWith(config, 'dev/us-east-1'), { kind: 'Schedule' }).map((s) => s.metadata.name);
    expect(names).toEqual(['daily-full']);
  });
});

describe('Velero versions', () => {
  test("the server runs the chart's appVersion, whose CRDs the chart installs (no CRD/server skew), with the AWS plugin line built for it", () => {
    const entry = readChartLock(REPO_ROOT).charts.find((c) => c.chart === 'velero' && c.version === VELERO_CHART_VERSION);
    expect(VELERO_VERSION).toBe(`v${entry?.appVersion ?? ''}`);
    // velero-plugin-for-aws compatibility: plugin 1.13.x is the line for Velero 1.17.x.
    const pluginFor: Record<string, string> = { '1.16': '1.12', '1.17': '1.13', '1.18': '1.14' };
    expect(AWS_PLUGIN_VERSION.slice(1).split('.').slice(0, 2).join('.')).toBe(
      pluginFor[VELERO_VERSION.slice(1).split('.').slice(0, 2).join('.')],
    );
    const values = spec(findObject(prodEast, { kind: 'Application', name: 'velero' })).source.helm.valuesObject;
    expect(values.image.tag).toBe(VELERO_VERSION);
    expect(values.upgradeCRDs).toBe(false);
  });
});

describe('volume data for the cross-region restore', () => {
  test('schedules back volumes up through the node agent into the replicated bucket, not region-local EBS snapshots', () => {
    expect(VOLUME_DATA).toEqual({ snapshotVolumes: false, defaultVolumesToFsBackup: true });
    for (const s of findObjects(prodEast, { kind: 'Schedule' })) {
      expect(spec(s).template).toMatchObject({ snapshotVolumes: false, defaultVolumesToFsBackup: true });
      expect(spec(s).template.volumeSnapshotLocations).toBeUndefined();
    }
    expect(findObjects(prodEast, { kind: 'VolumeSnapshotLocation' })).toEqual([]);
    const values = spec(findObject(prodEast, { kind: 'Application', name: 'velero' })).source.helm.valuesObject;
    expect(values).toMatchObject({ deployNodeAgent: true, snapshotsEnabled: false });
  });

  test('the node agent runs in every cluster: root with file capabilities only, in the Gatekeeper-exempt velero namespace', async () => {
    for (const dir of ['dev/us-east-1', 'prod/us-west-2']) {
      const state = await stateAt(dir);
      const agent = state.objects.find((o) => o.kind === 'DaemonSet' && o.name === 'node-agent');
      expect(agent?.namespace).toBe('velero');
      const pod = (agent?.body.spec as any).template.spec;
      expect(pod.containers[0].securityContext).toEqual({
        privileged: false,
        allowPrivilegeEscalation: false,
        capabilities: { drop: ['ALL'], add: ['CHOWN', 'DAC_OVERRIDE', 'DAC_READ_SEARCH', 'FOWNER', 'FSETID'] },
      });
      expect(pod.containers[0].image).toBe(`${clusterAt(dir).view.facts.ecrRegistry}/docker-hub/velero/velero:${VELERO_VERSION}`);
      expect(pod.containers[0].resources.limits).toEqual({ cpu: '1', memory: '2Gi' });
    }
    const { SYSTEM_NAMESPACES } = await import('../../charts/gatekeeper/exempt-namespaces.js');
    expect(SYSTEM_NAMESPACES).toContain('velero');
  });

  test('restored pods get a restore helper Gatekeeper admits: ECR image, requests and limits, non-root, read-only root', async () => {
    const state = await stateAt('prod/us-east-1');
    const config = state.objects.find(
      (o) => o.kind === 'ConfigMap' && (o.body.metadata as any).labels?.['velero.io/pod-volume-restore'] === 'RestoreItemAction',
    );
    const data = config?.body.data as Record<string, string>;
    expect(data).toMatchObject({
      image: `${prodEast.view.facts.ecrRegistry}/docker-hub/velero/velero:${VELERO_VERSION}`,
      cpuRequest: '100m',
      cpuLimit: '200m',
      memRequest: '128Mi',
      memLimit: '128Mi',
    });
    expect(data.secCtx).toMatch(/readOnlyRootFilesystem: true\nrunAsNonRoot: true\nrunAsUser: 65534/);
    expect(data.secCtx).toMatch(/capabilities:\n  drop: \[ALL\]/);
  });
});
