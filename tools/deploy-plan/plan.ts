import { orderedEnvironments } from '../../config/derive/targets.js';
import type { PlatformConfig } from '../../config/schema/platform.js';
import { envOfStack } from '../../policies/prerequisites/needs.js';
import { dedupe, dependencyEdges, type Edge, type EdgeReason } from './edges.js';
import type { SynthesizedStack } from './synth-output.js';
import { traitsOf, type TraitId } from './traits.js';

/** One stack in the plan: the level it applies at and what it applies after. */
export interface PlannedStack {
  readonly name: string;
  readonly environment: string;
  /** 0 for a stack that waits for nothing of its environment; otherwise one more than the highest level it applies after. */
  readonly level: number;
  /** Stacks of the same environment it applies after, and why (sorted). */
  readonly after: readonly { readonly stack: string; readonly reason: EdgeReason }[];
  readonly traits: readonly TraitId[];
}

/** The GitHub environment protection a job bound to the environment waits for (config.ownership.environments). */
export interface Approval {
  readonly reviewers: readonly string[];
  readonly waitTimerMinutes: number;
}

export interface EnvironmentPlan {
  readonly name: string;
  /** Present when the GitHub environment has reviewers or a wait timer. */
  readonly approval?: Approval;
  /** The stacks CI applies, level by level; within a level, by name. */
  readonly levels: readonly (readonly PlannedStack[])[];
  /** Stacks CI never applies (local state): applied by hand. */
  readonly manual: readonly string[];
}

/** Environments in config.deployOrder; each one starts after the previous one is released. */
export interface DeployPlan {
  readonly environments: readonly EnvironmentPlan[];
}

/** The first cycle among `names` following `edges`, as a closed path, or undefined. */
export function findCycle(names: readonly string[], edges: readonly Edge[]): string[] | undefined {
  const next = new Map<string, string[]>();
  for (const e of edges) next.set(e.stack, [...(next.get(e.stack) ?? []), e.after].sort());
  const state = new Map<string, 'open' | 'done'>();
  const trail: string[] = [];
  const visit = (name: string): string[] | undefined => {
    if (state.get(name) === 'done') return undefined;
    if (state.get(name) === 'open') return [...trail.slice(trail.indexOf(name)), name];
    state.set(name, 'open');
    trail.push(name);
    for (const after of next.get(name) ?? []) {
      const cycle = visit(after);
      if (cycle) return cycle;
    }
    trail.pop();
    state.set(name, 'done');
    return undefined;
  };
  for (const name of [...names].sort()) {
    const cycle = visit(name);
    if (cycle) return cycle;
  }
  return undefined;
}

/** Levels by longest path: a stack sits one level above the highest stack it applies after. */
export function levelsOf(names: readonly string[], edges: readonly Edge[]): Map<string, number> {
  const cycle = findCycle(names, edges);
  if (cycle) {
    const why = cycle.slice(0, -1).map((s, i) => {
      const edge = edges.find((e) => e.stack === s && e.after === cycle[i + 1]);
      return `${s} ${edge?.reason ?? 'follows'} ${cycle[i + 1]} (${edge?.source ?? '?'})`;
    });
    throw new Error(
      `stack dependency cycle: ${cycle.join(' -> ')}; ${why.join('; ')}. Remove one of these references so that the stacks can apply in order`,
    );
  }
  const level = new Map<string, number>();
  const visit = (name: string): number => {
    const known = level.get(name);
    if (known !== undefined) return known;
    const after = edges.filter((e) => e.stack === name).map((e) => visit(e.after));
    const value = after.length === 0 ? 0 : Math.max(...after) + 1;
    level.set(name, value);
    return value;
  };
  for (const name of names) visit(name);
  return level;
}

/** Stacks `name` applies after, directly or not. */
function ancestors(name: string, edges: readonly Edge[]): Set<string> {
  const found = new Set<string>();
  const walk = (n: string) => {
    for (const e of edges.filter((x) => x.stack === n && !found.has(x.after))) {
      found.add(e.after);
      walk(e.after);
    }
  };
  walk(name);
  return found;
}

function environmentOf(config: PlatformConfig, stack: string): string {
  const env = envOfStack(config, stack);
  if (!env) throw new Error(`stack ${stack} belongs to no environment of config.environments: stack names read <env>-<region>-<kind>`);
  return env;
}

/**
 * Edges inside one environment. A stack reading an environment that deploys
 * earlier is ordered by the environment chain; one reading a later
 * environment could never apply, which is an error.
 */
function environmentEdges(config: PlatformConfig, edges: readonly Edge[], order: readonly string[]): Edge[] {
  return edges.filter((e) => {
    const [env, other] = [environmentOf(config, e.stack), environmentOf(config, e.after)];
    if (env === other) return true;
    if (order.indexOf(other) < order.indexOf(env)) return false;
    throw new Error(
      `${e.stack} (${e.reason}, ${e.source}) applies after ${e.after}, but ${other} deploys after ${env} in config.deployOrder: move ${other} earlier in deployOrder or drop the reference`,
    );
  });
}

/** Every stack of the environment applies after its administrator-applied stacks, except what those stacks themselves need. */
function administratorGates(names: readonly string[], traits: ReadonlyMap<string, TraitId[]>, edges: readonly Edge[]): Edge[] {
  const gates = names.filter((n) => traits.get(n)?.includes('administrator-applied'));
  const before = new Set(gates.flatMap((g) => [g, ...ancestors(g, edges)]));
  return gates.flatMap((gate) =>
    names.filter((n) => !before.has(n)).map((n) => ({ stack: n, after: gate, reason: 'administrator-gate' as const, source: 'traits' })),
  );
}

function approvalOf(config: PlatformConfig, envName: string): Approval | undefined {
  const gate = config.ownership.environments[envName];
  if (!gate || (gate.reviewers.length === 0 && gate.waitTimerMinutes === 0)) return undefined;
  return { reviewers: [...gate.reviewers], waitTimerMinutes: gate.waitTimerMinutes };
}

/**
 * The deploy plan of a synth: per environment in config.deployOrder, the
 * stacks CI applies grouped into levels, so that every stack applies after
 * every stack whose outputs it reads, that it declares a dependency on, that
 * creates its state bucket, and after the environment's administrator-applied
 * stacks. A cycle is an error naming the stacks.
 */
export function buildDeployPlan(config: PlatformConfig, stacks: readonly SynthesizedStack[]): DeployPlan {
  const order = orderedEnvironments(config).map(([name]) => name);
  const traits = new Map(stacks.map((s) => [s.name, traitsOf(s, config)]));
  const manual = new Set(stacks.filter((s) => traits.get(s.name)?.includes('local-state')).map((s) => s.name));
  const edges = environmentEdges(config, dependencyEdges(stacks), order).filter((e) => !manual.has(e.stack) && !manual.has(e.after));
  return {
    environments: order.map((envName) => {
      const names = stacks.map((s) => s.name).filter((n) => !manual.has(n) && environmentOf(config, n) === envName);
      const own = edges.filter((e) => names.includes(e.stack));
      const all = dedupe([...own, ...administratorGates(names, traits, own)]);
      const level = levelsOf(names, all);
      const planned = names.map((name): PlannedStack => ({
        name,
        environment: envName,
        level: level.get(name) ?? 0,
        after: all.filter((e) => e.stack === name).map((e) => ({ stack: e.after, reason: e.reason })),
        traits: traits.get(name) ?? [],
      }));
      const depth = Math.max(-1, ...planned.map((p) => p.level)) + 1;
      const approval = approvalOf(config, envName);
      return {
        name: envName,
        ...(approval ? { approval } : {}),
        levels: Array.from({ length: depth }, (_, i) => planned.filter((p) => p.level === i)),
        manual: [...manual].filter((n) => environmentOf(config, n) === envName).sort(),
      };
    }),
  };
}

/** CI applies the stack in a job bound to the GitHub environment (deploy role, approval); administrator-applied stacks are only checked, with the read-only role. */
export const appliedByCi = (stack: PlannedStack): boolean => !stack.traits.includes('administrator-applied');

/** The stacks of an environment plan in apply order (level, then name). */
export const stacksOf = (env: EnvironmentPlan): PlannedStack[] => env.levels.flat();
