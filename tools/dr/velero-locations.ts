import type { PolicyInput } from '../../policies/output.js';

/**
 * The read-only Velero locations of the cluster rendered at `dir`
 * (`<env>/<region>`), by the prefix each lists: a peer cluster's name, whose
 * replicated backups sit under it in this region's bucket. Read from the
 * rendered manifests, so the runbook names what charts/velero created.
 */
export function peerLocations(output: Pick<PolicyInput, 'clusters'>, dir: string): ReadonlyMap<string, string> {
  const cluster = output.clusters.find((c) => c.dir === dir);
  const locations = new Map<string, string>();
  for (const objects of cluster?.objects?.values() ?? []) {
    for (const object of objects) {
      if (object.kind !== 'BackupStorageLocation') continue;
      const spec = object.spec as { accessMode?: unknown; objectStorage?: { prefix?: unknown } } | undefined;
      const name = (object.metadata as { name?: unknown } | undefined)?.name;
      const prefix = spec?.objectStorage?.prefix;
      if (spec?.accessMode === 'ReadOnly' && typeof prefix === 'string' && typeof name === 'string') locations.set(prefix, name);
    }
  }
  return locations;
}
