import type { ClusterView } from '../../config/derive/cluster-view.js';
import { mirroredRepository } from '../../config/derive/registry.js';
import { labelsOf } from '../../config/derive/tags.js';
import type { PlatformComponent } from '../platform-components.js';
import { SYNC_WAVES } from '../sync-waves.js';
import { VELERO_NAMESPACE } from './names.js';
import { VeleroLocationsChart } from './velero-locations.js';
import { VeleroSchedulesChart } from './velero-schedules.js';

export const VELERO_CHART_VERSION = '11.3.2';
/**
 * The server at the chart's appVersion: with `upgradeCRDs: false` the CRDs
 * come from the chart's crds/ (1.17.1), so the server must be that release
 * too (a newer server may write fields or phases those CRDs reject).
 */
export const VELERO_VERSION = 'v1.17.1';
/** The AWS plugin line built against Velero 1.17 (plugin 1.13.x; velero-plugin-for-aws compatibility table). */
export const AWS_PLUGIN_VERSION = 'v1.13.2';
/** The restore helper runs as this non-root user in restored pods. */
const RESTORE_HELPER_USER = 65534;

const hardened = {
  allowPrivilegeEscalation: false,
  readOnlyRootFilesystem: true,
  capabilities: { drop: ['ALL'] },
};

function veleroValues(view: ClusterView): Record<string, unknown> {
  const { ecrRegistry } = view.facts;
  const identity = view.facts.podIdentities.velero;
  return {
    image: { repository: mirroredRepository(ecrRegistry, 'docker-hub', 'velero/velero'), tag: VELERO_VERSION },
    initContainers: [
      {
        name: 'velero-plugin-for-aws',
        image: `${mirroredRepository(ecrRegistry, 'docker-hub', 'velero/velero-plugin-for-aws')}:${AWS_PLUGIN_VERSION}`,
        imagePullPolicy: 'IfNotPresent',
        volumeMounts: [{ mountPath: '/target', name: 'plugins' }],
        securityContext: hardened,
        resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { cpu: '200m', memory: '128Mi' } },
      },
    ],
    // The Pod Identity association binds this service account; no static keys.
    serviceAccount: { server: { create: true, name: identity.serviceAccount } },
    // File-system restores add an init container to each restored pod, in the pod's own namespace:
    // from the cluster's ECR, with requests, limits and a restricted context, so Gatekeeper admits it.
    configMaps: {
      'fs-restore-action-config': {
        labels: { 'velero.io/plugin-config': '', 'velero.io/pod-volume-restore': 'RestoreItemAction' },
        data: {
          image: `${mirroredRepository(ecrRegistry, 'docker-hub', 'velero/velero')}:${VELERO_VERSION}`,
          cpuRequest: '100m',
          memRequest: '128Mi',
          cpuLimit: '200m',
          memLimit: '128Mi',
          secCtx: [
            'allowPrivilegeEscalation: false',
            'readOnlyRootFilesystem: true',
            'runAsNonRoot: true',
            `runAsUser: ${RESTORE_HELPER_USER}`,
            `runAsGroup: ${RESTORE_HELPER_USER}`,
            'capabilities:',
            '  drop: [ALL]',
            'seccompProfile:',
            '  type: RuntimeDefault',
            '',
          ].join('\n'),
        },
      },
    },
  };
}

/**
 * The node agent reads and writes every pod's volumes through the host's
 * kubelet directory (file-system backup with kopia): it runs as root with the
 * file capabilities that needs (read any file, restore owners and modes),
 * nothing more; not privileged, no privilege escalation. Gatekeeper exempts
 * the velero namespace (charts/gatekeeper/exempt-namespaces.ts): this
 * DaemonSet would fail its run-as-non-root and read-only-root constraints.
 */
const NODE_AGENT = {
  podSecurityContext: { runAsUser: 0, seccompProfile: { type: 'RuntimeDefault' } },
  containerSecurityContext: {
    privileged: false,
    allowPrivilegeEscalation: false,
    capabilities: { drop: ['ALL'], add: ['CHOWN', 'DAC_OVERRIDE', 'DAC_READ_SEARCH', 'FOWNER', 'FSETID'] },
  },
  resources: { requests: { cpu: '100m', memory: '256Mi' }, limits: { cpu: '1', memory: '2Gi' } },
};

const veleroLabels = (view: ClusterView) => labelsOf(view.labels, { Team: 'platform', Service: 'velero' });

/** Velero: the server with the AWS plugin and the node agent, then its storage location(s), then the schedules. */
export const VELERO_COMPONENTS: readonly PlatformComponent[] = [
  {
    name: 'velero',
    namespace: VELERO_NAMESPACE,
    syncWave: SYNC_WAVES.operators,
    helm: {
      repoURL: 'https://vmware-tanzu.github.io/helm-charts',
      chart: 'velero',
      version: VELERO_CHART_VERSION,
      values: {
        credentials: { useSecret: false },
        // Locations and schedules are rendered by charts/velero, not by the chart's values.
        configuration: { backupStorageLocation: [], volumeSnapshotLocation: [] },
        backupsEnabled: true,
        // Volume data goes through the node agent into the (cross-region replicated) bucket, not into
        // EBS snapshots, which stay in their region and die with it.
        snapshotsEnabled: false,
        deployNodeAgent: true,
        nodeAgent: NODE_AGENT,
        upgradeCRDs: false,
        podSecurityContext: { runAsNonRoot: true, runAsUser: 65534, seccompProfile: { type: 'RuntimeDefault' } },
        containerSecurityContext: hardened,
        resources: { requests: { cpu: '100m', memory: '256Mi' }, limits: { cpu: '1', memory: '1Gi' } },
      },
      clusterValues: veleroValues,
    },
    prune: false,
    serverSideApply: true,
    providesCrds: [
      'velero.io/Backup',
      'velero.io/BackupRepository',
      'velero.io/BackupStorageLocation',
      'velero.io/DeleteBackupRequest',
      'velero.io/DownloadRequest',
      'velero.io/Restore',
      'velero.io/Schedule',
      'velero.io/ServerStatusRequest',
      'velero.io/VolumeSnapshotLocation',
    ],
  },
  {
    name: 'velero-locations',
    namespace: VELERO_NAMESPACE,
    syncWave: SYNC_WAVES.config,
    charts: [
      {
        id: 'velero-locations',
        render: (scope, id, view) =>
          new VeleroLocationsChart(scope, id, {
            labels: veleroLabels(view),
            region: view.region,
            bucket: view.facts.veleroBucket,
            clusterName: view.facts.clusterName,
            peers: view.peers,
          }),
      },
    ],
  },
  {
    name: 'velero-schedules',
    namespace: VELERO_NAMESPACE,
    syncWave: SYNC_WAVES.customResources,
    charts: [
      {
        id: 'velero-schedules',
        render: (scope, id, view) =>
          new VeleroSchedulesChart(scope, id, {
            labels: veleroLabels(view),
            schedules: view.gitops.backupSchedules,
            retentionDays: view.retentionDays.backups,
            services: view.services,
          }),
      },
    ],
  },
];
