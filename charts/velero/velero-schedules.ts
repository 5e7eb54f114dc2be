import { ApiObject, Chart } from 'cdk8s';
import type { Construct } from 'constructs';
import { teamNamespace, VELERO_DEFAULT_LOCATION } from '../../config/derive/cluster-names.js';
import type { GitopsConfig } from '../../config/schema/gitops.js';
import type { Service } from '../../config/schema/service.js';
import { VELERO_NAMESPACE } from './names.js';

export interface VeleroSchedulesProps {
  /** The taxonomy labels of the schedules. */
  readonly labels: Record<string, string>;
  /** When the schedules run (config.gitops.backupSchedules). */
  readonly schedules: GitopsConfig['backupSchedules'];
  /** How long backups are kept (the `backups` retention). */
  readonly retentionDays: number;
  readonly services: readonly Service[];
}

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
export function statefulNamespaces(services: readonly Service[]): string[] {
  return [...new Set(services.filter((s) => s.stateful).map((s) => teamNamespace(s.team)))].sort();
}

/**
 * Backup schedules from config: hourly for the namespaces of stateful
 * services (a small RPO where data lives), daily for the whole cluster
 * including cluster-scoped resources, volume data by file-system backup
 * (VOLUME_DATA). Both expire after the `backups`
 * retention (config.retention), so erasure requests reach backups in time.
 */
export class VeleroSchedulesChart extends Chart {
  constructor(scope: Construct, id: string, props: VeleroSchedulesProps) {
    super(scope, id, { namespace: VELERO_NAMESPACE });
    const { labels } = props;
    const ttl = veleroTtl(props.retentionDays);
    const { hourly, daily } = props.schedules;
    const stateful = statefulNamespaces(props.services);
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
            storageLocation: VELERO_DEFAULT_LOCATION,
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
          storageLocation: VELERO_DEFAULT_LOCATION,
          ttl,
        },
      },
    });
  }
}
