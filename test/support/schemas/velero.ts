import { arrayOf, bool, customResource, enumOf, mapOf, obj, str, strings, type JsonSchema } from './builders.js';

/** Velero `velero.io/v1` (pinned CRDs after 1.18.1); no npm models exist for Velero. */
const labelSelector = obj({
  matchLabels: mapOf(str),
  matchExpressions: arrayOf(obj({ key: str, operator: str, values: strings }, ['key', 'operator'])),
});

const backupStorageLocationSpec = obj(
  {
    provider: str,
    default: bool,
    accessMode: enumOf('ReadOnly', 'ReadWrite'),
    objectStorage: obj({ bucket: str, prefix: str }, ['bucket']),
    config: mapOf(str),
    backupSyncPeriod: str,
    validationFrequency: str,
  },
  ['objectStorage', 'provider'],
);

const volumeSnapshotLocationSpec = obj({ provider: str, config: mapOf(str) }, ['provider']);

const backupTemplate = obj({
  includedNamespaces: strings,
  excludedNamespaces: strings,
  includedResources: strings,
  excludedResources: strings,
  includeClusterResources: { type: ['boolean', 'null'] },
  labelSelector,
  snapshotVolumes: { type: ['boolean', 'null'] },
  defaultVolumesToFsBackup: { type: ['boolean', 'null'] },
  storageLocation: str,
  volumeSnapshotLocations: strings,
  ttl: { type: 'string', pattern: '^(\\d+h)?(\\d+m)?(\\d+s)?$' },
  csiSnapshotTimeout: str,
  itemOperationTimeout: str,
  metadata: obj({ labels: mapOf(str) }),
});

const scheduleSpec = obj(
  {
    schedule: str,
    template: backupTemplate,
    paused: bool,
    skipImmediately: { type: ['boolean', 'null'] },
    useOwnerReferencesInBackup: bool,
  },
  ['schedule', 'template'],
);

export const VELERO_SCHEMAS: Record<string, JsonSchema> = {
  'velero.io/v1/BackupStorageLocation': customResource('velero.io/v1', 'BackupStorageLocation', backupStorageLocationSpec, {
    namespaced: true,
  }),
  'velero.io/v1/VolumeSnapshotLocation': customResource('velero.io/v1', 'VolumeSnapshotLocation', volumeSnapshotLocationSpec, {
    namespaced: true,
  }),
  'velero.io/v1/Schedule': customResource('velero.io/v1', 'Schedule', scheduleSpec, { namespaced: true }),
};
