import { clusterFacts } from '../../config/derive/facts.js';
import { clusterTargets } from '../../config/derive/targets.js';
import type { ClusterState, StateApplication, StateObject } from '../../policies/cluster-state/types.js';
import type { ClusterStateContext } from '../../policies/types.js';
import { platformConfig } from './platform.js';
import { sharedStates } from './synth-once/read.js';

/**
 * Every TradeSense cluster's state, as the run's one synth rendered it
 * (test/support/synth-once; charts from the repository's render cache).
 */
export function platformStates(): Promise<ClusterState[]> {
  return Promise.resolve(sharedStates());
}

export async function stateAt(dir: string): Promise<ClusterState> {
  const state = (await platformStates()).find((s) => s.dir === dir);
  if (!state) throw new Error(`no cluster state '${dir}'`);
  return state;
}

/** The rule context of a TradeSense cluster (`dev/us-east-1` by default). */
export function stateContext(dir = 'dev/us-east-1'): ClusterStateContext {
  const config = platformConfig();
  const target = clusterTargets(config).find((t) => `${t.envName}/${t.region}` === dir);
  if (!target) throw new Error(`no cluster '${dir}'`);
  return { config, facts: clusterFacts(config, target) };
}

type ObjectInput = Partial<StateObject> & { kind: string; name: string; body?: Record<string, unknown> };

/** A state object for rule tests: defaults fill what the test does not care about. */
export function stateObject(input: ObjectInput): StateObject {
  const apiVersion = input.apiVersion ?? 'v1';
  const namespace = input.clusterScoped ? undefined : (input.namespace ?? 'team-trading');
  return {
    application: 'app',
    source: 'app.k8s.yaml',
    wave: 0,
    bytes: 100,
    clusterScoped: false,
    ...input,
    apiVersion,
    ...(namespace ? { namespace } : {}),
    body: input.body ?? { apiVersion, kind: input.kind, metadata: { name: input.name, ...(namespace ? { namespace } : {}) } },
  };
}

export function stateApplication(input: Partial<StateApplication> & { name: string }): StateApplication {
  return { project: 'platform', wave: 0, destinationNamespace: 'default', syncOptions: [], spec: {}, ...input };
}

/** A small cluster state for rule tests (dev/us-east-1 unless given). */
export function fixtureState(
  objects: readonly StateObject[],
  applications: readonly StateApplication[] = [],
  dir = 'dev/us-east-1',
): ClusterState {
  const [envName = 'dev', region = 'us-east-1'] = dir.split('/');
  return { dir, envName, region, kubeVersion: '1.33', applications, objects };
}
