/** What ./write.ts leaves in the shared folder besides cdktf.out/ and dist/, and its shapes. */
export const CLUSTERS_FILE = 'clusters.json';
export const STATES_FILE = 'states.json';
/** Written last, once everything else is in place. */
export const DONE_FILE = 'done';
/** Written instead of `done`: why the synth failed. */
export const FAILED_FILE = 'failed.txt';

/** A rendered cluster without its view (a worker derives the view from the config). */
export interface SharedCluster {
  readonly dir: string;
  readonly files: [string, string][];
  readonly objects: [string, Record<string, unknown>[]][];
}
