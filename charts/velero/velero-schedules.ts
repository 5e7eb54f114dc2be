import { ApiObject, Chart } from 'cdk8s';
import type { Construct } from 'constructs';
import { retentionDays } from '../../config/derive/retention.js';
import { resolveLabels } from '../../config/derive/tags.js';
import type { ClusterContext } from '../cluster-context.js';
import { teamNamespace } from '../team-namespaces.js';
import { DEFAULT_LOCATION, VELERO_NAMESPACE } from './velero-locations.js';

/** Velero TTL (a Go duration) of a number of days. */
export function veleroTtl(days: number): string {
  return `${days * 24}h0m0s`;
}

/**
 * Volume data by file-system backup (the node agent, kopia) into the backup
 * location's bucket, which replicates to the peer region: an EBS snapshot
 * stays in its region, so a region-wide outage would take it along.
 */
export const VOLUME_DATA = { snapshotVolumes: false, defaultVolumesToFsBackup: true } as const;

/** Namespaces holding a stateful service (config.services[].stateful). */
export function statefulNamespaces(ctx: ClusterContext): string[] {
  return [...new Set(ctx.config.services.filter((s) => s.stateful).map((s) => teamNamespace(s.team)))].sort();
}

/**
 * Backup schedules from config: hourly for the namespaces of stateful
 * services (a small RPO where data lives), daily for the whole cluster
 * including cluster-scoped resources, volume data by file-system backup
 * (VOLUME_DATA). Both expire after the `backups`
 * retention (config.retention), so erasure requests reach backups in time.
 */
export class VeleroSchedulesChart extends Chart {
  constructor(scope: Construct, id: string, ctx: ClusterContext) {
    super(scope, id, { namespace: VELERO_NAMESPACE });
    const { config, target } = ctx;
    const labels = resolveLabels(config, target.envName, { Team: 'platform', Service: 'velero' });
    const ttl = veleroTtl(retentionDays(config, 'backups'));
    const { hourly, daily } = config.gitops.backupSchedules;
    const stateful = statefulNamespaces(ctx);
    if (stateful.length > 0) {
      new ApiObject(this, 'hourly-stateful', {
        apiVersion: 'velero.io/v1',
        kind: 'Schedule',
        metadata: { name: 'hourly-stateful', namespace: VELERO_NAMESPACE, labels },
        spec: {
          schedule: hourly,
          useOwnerReferencesInBackup: false,
          template: {
            includedNamespaces: stateful,
            includeClusterResources: false,
            ...VOLUME_DATA,
            storageLocation: DEFAULT_LOCATION,
            ttl,
          },
        },
      });
    }
    new ApiObject(this, 'daily-full', {
      apiVersion: 'velero.io/v1',
      kind: 'Schedule',
      metadata: { name: 'daily-full', namespace: VELERO_NAMESPACE, labels },
      spec: {
        schedule: daily,
        useOwnerReferencesInBackup: false,
        template: {
          includedNamespaces: ['*'],
          includeClusterResources: true,
          ...VOLUME_DATA,
          storageLocation: DEFAULT_LOCATION,
          ttl,
        },
      },
    });
  }
}
