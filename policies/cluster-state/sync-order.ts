import { annotationsOf, groupKindOf, type ClusterState, type StateObject } from './types.js';

/**
 * When Argo CD applies an object, as the app-of-apps runs it:
 * - Argo CD's own Application was installed by hand at bootstrap (docs/gitops.md),
 *   so its objects exist before anything else;
 * - the root Application applies its objects (AppProjects, the child
 *   Applications) in their own wave order;
 * - a child Application's objects are applied once the root reaches the child's
 *   wave, and the root waits for every child of a wave to be healthy before the next;
 * - inside one Application: PreSync hooks, then Sync, then PostSync, each by wave.
 */

const SYNC_WAVE = 'argocd.argoproj.io/sync-wave';
const PHASES = ['PreSync', 'Sync', 'PostSync'] as const;
/** Helm hooks as Argo CD maps them. */
const HELM_HOOK_PHASE: Record<string, (typeof PHASES)[number]> = {
  'pre-install': 'PreSync',
  'pre-upgrade': 'PreSync',
  'post-install': 'PostSync',
  'post-upgrade': 'PostSync',
};

/** PreSync 0, Sync 1, PostSync 2 (Argo CD hooks, or Helm hooks as Argo CD maps them). */
export function syncPhaseOf(o: StateObject): number {
  const annotations = annotationsOf(o);
  const argo = annotations['argocd.argoproj.io/hook'];
  if (argo) {
    const index = PHASES.indexOf(argo as (typeof PHASES)[number]);
    return index === -1 ? 1 : index;
  }
  const helm = (annotations['helm.sh/hook'] ?? '').split(',').map((h) => h.trim());
  const phase = helm.map((h) => HELM_HOOK_PHASE[h]).find((p) => p !== undefined);
  return phase ? PHASES.indexOf(phase) : 1;
}

/** An object's wave inside its Application: its sync-wave, else (Helm hooks) its hook weight. */
export function objectWaveOf(o: StateObject): number {
  const annotations = annotationsOf(o);
  if (annotations[SYNC_WAVE] === undefined && annotations['helm.sh/hook']) return Number(annotations['helm.sh/hook-weight'] ?? 0) || 0;
  return o.wave;
}

export interface SyncOrder {
  /** Negative when `a` is applied before `b`, 0 when together (same step), positive after. */
  compare(a: StateObject, b: StateObject): number;
  /** How a finding names an object's step: `wave 20 (Application kube-prometheus-stack)`. */
  describe(o: StateObject): string;
  /** Applications installed by hand before the root (Argo CD itself). */
  readonly bootstrapped: ReadonlySet<string>;
}

/** The root app-of-apps: the Application that syncs its own manifest (applied by hand once, then self-managed). */
function rootApplications(state: ClusterState): Set<string> {
  return new Set(state.objects.filter((o) => groupKindOf(o) === 'argoproj.io/Application' && o.name === o.application).map((o) => o.name));
}

/** The Application that installs the Application CRD is Argo CD: it must run before anything syncs. */
function bootstrapApplications(state: ClusterState): Set<string> {
  return new Set(
    state.objects
      .filter(
        (o) =>
          o.kind === 'CustomResourceDefinition' &&
          (o.body.spec as { group?: string; names?: { kind?: string } } | undefined)?.names?.kind === 'Application',
      )
      .filter((o) => (o.body.spec as { group?: string }).group === 'argoproj.io')
      .map((o) => o.application),
  );
}

export function syncOrder(state: ClusterState): SyncOrder {
  const appWave = new Map(state.applications.map((a) => [a.name, a.wave]));
  const roots = rootApplications(state);
  const bootstrapped = bootstrapApplications(state);
  /** Position across Applications: bootstrap first, the root's objects at their wave, a child's at its Application's wave. */
  const global = (o: StateObject) =>
    bootstrapped.has(o.application)
      ? Number.NEGATIVE_INFINITY
      : roots.has(o.application)
        ? objectWaveOf(o)
        : (appWave.get(o.application) ?? 0);
  const sign = (n: number) => (n < 0 ? -1 : n > 0 ? 1 : 0);
  return {
    bootstrapped,
    compare(a, b) {
      if (a.application === b.application) return sign(syncPhaseOf(a) - syncPhaseOf(b)) || sign(objectWaveOf(a) - objectWaveOf(b));
      const [ga, gb] = [global(a), global(b)];
      return ga === gb ? 0 : ga < gb ? -1 : 1;
    },
    describe(o) {
      if (bootstrapped.has(o.application)) return `the bootstrap install (Application ${o.application})`;
      const inside = `${PHASES[syncPhaseOf(o)] ?? 'Sync'} wave ${objectWaveOf(o)}`;
      if (roots.has(o.application)) return `${inside} of the root Application ${o.application}`;
      return `wave ${appWave.get(o.application) ?? 0} (Application ${o.application}, ${inside})`;
    },
  };
}

/** A sync option set on the object (annotation) or on its Application. */
export function hasSyncOption(state: ClusterState, o: StateObject, option: string): boolean {
  const own = (annotationsOf(o)['argocd.argoproj.io/sync-options'] ?? '').split(',').map((s) => s.trim());
  const app = state.applications.find((a) => a.name === o.application);
  return own.includes(option) || (app?.syncOptions ?? []).includes(option);
}
