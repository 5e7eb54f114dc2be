import type { ClusterContext } from '../cluster-context.js';
import type { PlatformComponent } from '../platform-components.js';
import { SYNC_WAVES } from '../argocd/sync-waves.js';
import { mirroredRepository } from '../argocd/helm-values.js';

const VELERO_CHART_VERSION = '11.3.2';
const VELERO_VERSION = 'v1.17.2';
const AWS_PLUGIN_VERSION = 'v1.13.2';

const hardened = {
  allowPrivilegeEscalation: false,
  readOnlyRootFilesystem: true,
  capabilities: { drop: ['ALL'] },
};

function veleroValues(ctx: ClusterContext): Record<string, unknown> {
  const identity = ctx.facts.podIdentities.velero;
  return {
    image: { repository: mirroredRepository(ctx, 'docker-hub', 'velero/velero'), tag: VELERO_VERSION },
    initContainers: [
      {
        name: 'velero-plugin-for-aws',
        image: `${mirroredRepository(ctx, 'docker-hub', 'velero/velero-plugin-for-aws')}:${AWS_PLUGIN_VERSION}`,
        imagePullPolicy: 'IfNotPresent',
        volumeMounts: [{ mountPath: '/target', name: 'plugins' }],
        securityContext: hardened,
        resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { cpu: '200m', memory: '128Mi' } },
      },
    ],
    // The Pod Identity association binds this service account; no static keys.
    serviceAccount: { server: { create: true, name: identity.serviceAccount } },
  };
}

/** Velero: the server with the AWS plugin, then its storage locations, then the schedules. */
export const VELERO_COMPONENTS: PlatformComponent[] = [
  {
    name: 'velero',
    namespace: 'velero',
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
        snapshotsEnabled: true,
        deployNodeAgent: false,
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
  { name: 'velero-locations', namespace: 'velero', syncWave: SYNC_WAVES.config, manifests: ['velero-locations.k8s.yaml'] },
  { name: 'velero-schedules', namespace: 'velero', syncWave: SYNC_WAVES.customResources, manifests: ['velero-schedules.k8s.yaml'] },
];
