import type { DeploymentRecord, RolloutRecord } from './records.js';

/** The reporting window, [from, to). */
export interface Window {
  readonly from: Date;
  readonly to: Date;
}

export interface DoraFigures {
  readonly environment: string;
  /** Deployments that reached a final state (success, failure, error) in the window. */
  readonly deployments: number;
  readonly successful: number;
  readonly failed: number;
  readonly deploymentsPerDay: number;
  /** Median commit-to-production time of successful deployments; undefined without any. */
  readonly leadTimeMedianSeconds?: number;
  /** Failed over finished deployments; undefined without any. */
  readonly changeFailureRatio?: number;
  /** Mean failure-to-restore time over restored failures; undefined without any. */
  readonly timeToRestoreMeanSeconds?: number;
  /** Failures not restored by the end of the window. */
  readonly unrestored: number;
}

const FINAL = new Set(['success', 'failure', 'error']);
const ms = (iso: string) => Date.parse(iso);
const seconds = (fromIso: string, toIso: string) => (ms(toIso) - ms(fromIso)) / 1000;

interface Finished {
  readonly record: DeploymentRecord;
  /** When it reached its final state. */
  readonly at: string;
  readonly ok: boolean;
  readonly rollbacks: RolloutRecord[];
  readonly failureStatusAt?: string;
}

/** First final status of a deployment; later `inactive` statuses only mean it was superseded. */
function finish(d: DeploymentRecord, rollouts: RolloutRecord[]): Finished | undefined {
  const final = [...d.statuses].sort((a, b) => ms(a.created_at) - ms(b.created_at)).find((s) => FINAL.has(s.state));
  if (!final) return undefined;
  // An aborted or rolled-back Rollout fails the change even when the workflow reported success.
  const rollbacks = rollouts.filter((r) => r.environment === d.environment && r.sha === d.sha && (r.phase !== 'Healthy' || r.rolled_back));
  const ok = final.state === 'success' && rollbacks.length === 0;
  return { record: d, at: final.created_at, ok, rollbacks, failureStatusAt: final.state === 'success' ? undefined : final.created_at };
}

function median(values: number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

const mean = (values: number[]) => (values.length === 0 ? undefined : values.reduce((a, b) => a + b, 0) / values.length);

/**
 * Restore time of a failed deployment: from the Rollout's abort to the previous
 * version serving again; without Rollout data, from the failed status to the
 * environment's next successful deployment.
 */
function restoreSeconds(f: Finished, successes: Finished[]): number | undefined {
  const restored = f.rollbacks.filter((r) => r.restored_at !== undefined);
  if (restored.length > 0) return Math.max(...restored.map((r) => seconds(r.finished_at, r.restored_at ?? r.finished_at)));
  if (f.rollbacks.length > 0) return undefined;
  const next = successes.find((s) => ms(s.at) > ms(f.at));
  return next && f.failureStatusAt ? seconds(f.failureStatusAt, next.at) : undefined;
}

/** The four DORA keys per environment, over deployments that finished within the window. */
export function doraFigures(deployments: DeploymentRecord[], rollouts: RolloutRecord[], window: Window): DoraFigures[] {
  const days = (window.to.getTime() - window.from.getTime()) / 86_400_000;
  if (days <= 0) throw new Error(`empty window: --from ${window.from.toISOString()} must be before --to ${window.to.toISOString()}`);
  const environments = [...new Set(deployments.map((d) => d.environment))].sort();
  return environments.map((environment) => {
    const finished = deployments
      .filter((d) => d.environment === environment)
      .flatMap((d) => finish(d, rollouts) ?? [])
      .filter((f) => ms(f.at) >= window.from.getTime() && ms(f.at) < window.to.getTime())
      .sort((a, b) => ms(a.at) - ms(b.at) || a.record.id - b.record.id);
    const successes = finished.filter((f) => f.ok);
    const failures = finished.filter((f) => !f.ok);
    const restores = failures.map((f) => restoreSeconds(f, successes));
    const restoreTimes = restores.filter((s): s is number => s !== undefined);
    return {
      environment,
      deployments: finished.length,
      successful: successes.length,
      failed: failures.length,
      deploymentsPerDay: successes.length / days,
      leadTimeMedianSeconds: median(successes.map((s) => seconds(s.record.commit.committed_at, s.at))),
      changeFailureRatio: finished.length === 0 ? undefined : failures.length / finished.length,
      timeToRestoreMeanSeconds: mean(restoreTimes),
      unrestored: restores.length - restoreTimes.length,
    };
  });
}
