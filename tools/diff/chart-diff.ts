import type { ClusterState, StateObject } from '../../policies/cluster-state/types.js';
import { attributeChanges, type AttributeChange } from './attribute-changes.js';
import type { ChartStates } from './chart-states.js';

export interface RenderedObjectChange {
  /** `<group>/<Kind>/<namespace>/<name>` (`core` for the core group, `-` when cluster-scoped). */
  readonly id: string;
  readonly action: 'create' | 'update' | 'delete';
  readonly changes: readonly AttributeChange[];
}

/** What one Helm Application renders differently: its chart version and the objects that change. */
export interface ApplicationRenderDiff {
  /** `<env>/<region>` */
  readonly cluster: string;
  readonly application: string;
  /** `chart@version` on each side (absent where the Application has no chart there). */
  readonly chartBefore?: string;
  readonly chartAfter?: string;
  readonly objects: readonly RenderedObjectChange[];
}

export type ChartRenderDiff =
  | { readonly available: false; readonly reason: string }
  | { readonly available: true; readonly applications: readonly ApplicationRenderDiff[] };

const HELM_SOURCE = 'helm:';

function objectId(o: StateObject): string {
  const slash = o.apiVersion.indexOf('/');
  return `${slash === -1 ? 'core' : o.apiVersion.slice(0, slash)}/${o.kind}/${o.namespace ?? '-'}/${o.name}`;
}

/** Objects the charts render (our own files are diffed as manifests), per Application. */
function chartObjects(state: ClusterState | undefined): Map<string, Map<string, StateObject>> {
  const apps = new Map<string, Map<string, StateObject>>();
  for (const o of state?.objects ?? []) {
    if (!o.source.startsWith(HELM_SOURCE)) continue;
    let objects = apps.get(o.application);
    if (!objects) apps.set(o.application, (objects = new Map()));
    objects.set(objectId(o), o);
  }
  return apps;
}

const chartOf = (state: ClusterState | undefined, app: string) => state?.applications.find((a) => a.name === app)?.chart;

function diffApplication(
  before: Map<string, StateObject> | undefined,
  after: Map<string, StateObject> | undefined,
): RenderedObjectChange[] {
  const ids = [...new Set([...(before?.keys() ?? []), ...(after?.keys() ?? [])])].sort();
  return ids.flatMap((id): RenderedObjectChange[] => {
    const b = before?.get(id);
    const a = after?.get(id);
    if (!b) return a ? [{ id, action: 'create', changes: [] }] : [];
    if (!a) return [{ id, action: 'delete', changes: [] }];
    const changes = attributeChanges('', b.body, a.body);
    return changes.length > 0 ? [{ id, action: 'update', changes }] : [];
  });
}

/**
 * The rendered Helm objects that change, per cluster and Application: a chart
 * bump or a values change is a real change on the cluster even when our own
 * manifests only change a version string. Compared only when both sides have
 * cluster states.
 */
export function diffChartRenders(states: ChartStates): ChartRenderDiff {
  if (!states.base || !states.head) return { available: false, reason: states.reason ?? 'no cluster states' };
  const base = new Map(states.base.map((s) => [s.dir, s]));
  const head = new Map(states.head.map((s) => [s.dir, s]));
  const applications: ApplicationRenderDiff[] = [];
  for (const dir of [...new Set([...base.keys(), ...head.keys()])].sort()) {
    const before = chartObjects(base.get(dir));
    const after = chartObjects(head.get(dir));
    for (const app of [...new Set([...before.keys(), ...after.keys()])].sort()) {
      const objects = diffApplication(before.get(app), after.get(app));
      const chartBefore = chartOf(base.get(dir), app);
      const chartAfter = chartOf(head.get(dir), app);
      if (objects.length === 0 && chartBefore === chartAfter) continue;
      applications.push({
        cluster: dir,
        application: app,
        ...(chartBefore ? { chartBefore } : {}),
        ...(chartAfter ? { chartAfter } : {}),
        objects,
      });
    }
  }
  return { available: true, applications };
}
