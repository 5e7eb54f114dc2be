import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { RenderedCluster } from '../../charts/app.js';
import type { ClusterState } from '../../policies/cluster-state/types.js';
import { findHelm } from '../helm/helm-binary.js';
import { renderClusterStates, type ClusterStateOptions } from '../synth/cluster-state.js';
import { configEntry, loadRevisionModule } from './revision.js';

/** Each side's cluster states (Helm charts rendered as Argo CD would), or why a side has none. */
export interface ChartStates {
  readonly base?: readonly ClusterState[];
  readonly head?: readonly ClusterState[];
  /** Why they are not compared. */
  readonly reason?: string;
}

interface BaseStates {
  loadPlatformConfig(): unknown;
  renderClusters(config: unknown): unknown[];
  renderClusterStates(clusters: unknown[], options: ClusterStateOptions): Promise<ClusterState[]>;
}

const message = (error: unknown) => (error instanceof Error ? error.message.split('\n')[0] : String(error));

/**
 * The base revision's states from its own code (config, charts, chart
 * renderer, vendored archives), with the working tree's helm and render cache:
 * a chart whose inputs did not change is not rendered twice. A revision from
 * before cluster states has none.
 */
async function baseStates(worktree: string, options: ClusterStateOptions): Promise<ClusterState[] | string> {
  if (!existsSync(join(worktree, 'tools', 'synth', 'cluster-state.ts')) || !existsSync(join(worktree, 'charts', 'app.ts'))) {
    return 'the base revision does not render Helm charts (it predates tools/synth/cluster-state.ts)';
  }
  const source = [
    `export { loadPlatformConfig } from '${configEntry(worktree)}';`,
    "export { renderClusters } from './charts/app.js';",
    "export { renderClusterStates } from './tools/synth/cluster-state.js';",
    '',
  ].join('\n');
  const base = (await loadRevisionModule(worktree, 'synth-diff-states', source)) as Partial<BaseStates>;
  if (
    typeof base.loadPlatformConfig !== 'function' ||
    typeof base.renderClusters !== 'function' ||
    typeof base.renderClusterStates !== 'function'
  ) {
    return 'the base revision has no renderClusters/renderClusterStates';
  }
  return base.renderClusterStates(base.renderClusters(base.loadPlatformConfig()), { ...options, root: worktree });
}

/**
 * Cluster states of both sides for the chart-render diff: the working tree's at
 * once (handed to `onHead` as soon as they are there); the base's from its synth
 * child (`fromChild`) or, for a base whose child rendered none, from its code here
 * as soon as `checkedOut` says it is in `worktree`. Never
 * fails the diff: a side that cannot be rendered (no helm, an older base) is
 * reported with its reason and the chart renders are not compared.
 */
export async function renderChartStates(
  root: string,
  worktree: string,
  headClusters: readonly RenderedCluster[],
  checkedOut: Promise<void> = Promise.resolve(),
  onHead: (head: readonly ClusterState[]) => void = () => undefined,
  fromChild?: Promise<readonly ClusterState[] | undefined>,
): Promise<ChartStates> {
  let options: ClusterStateOptions;
  try {
    options = { helm: findHelm({ buildDir: join(root, '.build', 'helm') }), cacheDir: join(root, '.build', 'helm-renders') };
  } catch (error) {
    return { reason: `helm is not available (${message(error)})` };
  }
  // The base child's own render when it made one; else rendered here from the base's code.
  const inProcess = (): Promise<readonly ClusterState[] | string> => checkedOut.then(() => baseStates(worktree, options));
  const baseSide = (): Promise<readonly ClusterState[] | string> =>
    fromChild
      ? fromChild.then((states): Promise<readonly ClusterState[] | string> | readonly ClusterState[] => states ?? inProcess(), inProcess)
      : inProcess();
  const [head, base] = await Promise.allSettled([
    renderClusterStates(headClusters, { ...options, root }).then((head) => {
      onHead(head);
      return head;
    }),
    baseSide(),
  ]);
  if (head.status === 'rejected') return { reason: `the working tree's charts did not render (${message(head.reason)})` };
  if (base.status === 'rejected')
    return { head: head.value, reason: `the base revision's charts did not render (${message(base.reason)})` };
  if (typeof base.value === 'string') return { head: head.value, reason: base.value };
  return { base: base.value, head: head.value };
}
