import { IDLE_SINCE_TAG, planSweep, sweepReport, type IdleResource, type Inventory, type SweepSettings } from './plan.js';

/** What the sweep needs from AWS: injected so tests replay recorded responses. */
export interface SweepPorts {
  inventory(settings: SweepSettings): Promise<Inventory>;
  /** Starts a snapshot and resolves once it completed; false if it did not finish in time. */
  snapshotVolume(volumeId: string): Promise<boolean>;
  delete(resource: IdleResource): Promise<void>;
  /** Marks a resource idle from today (only outside dry run). */
  markIdle(resource: IdleResource, today: string): Promise<void>;
  publish(subject: string, message: string): Promise<void>;
}

export interface SweepResult {
  readonly found: IdleResource[];
  readonly deleted: string[];
}

/** Finds idle resources, deletes the eligible ones unless dry run, and reports to SNS. */
export async function runSweep(ports: SweepPorts, scope: string, settings: SweepSettings, now: Date): Promise<SweepResult> {
  const found = planSweep(await ports.inventory(settings), settings, now);
  const outcomes = new Map<string, string>();
  const deleted: string[] = [];
  if (!settings.dryRun) {
    for (const resource of found) {
      if (resource.ageDays === undefined) {
        await ports.markIdle(resource, now.toISOString().slice(0, 10));
        outcomes.set(resource.id, `marked ${IDLE_SINCE_TAG}`);
        continue;
      }
      if (resource.action !== 'delete') continue;
      try {
        if (resource.kind === 'volume' && !(await ports.snapshotVolume(resource.id))) {
          outcomes.set(resource.id, 'snapshot still pending; deletion deferred to the next run');
          continue;
        }
        await ports.delete(resource);
        deleted.push(resource.id);
        outcomes.set(resource.id, resource.kind === 'volume' ? 'snapshotted and deleted' : 'deleted');
      } catch (error) {
        outcomes.set(resource.id, `failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
  await ports.publish(
    `[${scope}] idle resources: ${found.length} found, ${deleted.length} deleted`.slice(0, 99),
    sweepReport(scope, found, settings.dryRun, outcomes),
  );
  return { found, deleted };
}
