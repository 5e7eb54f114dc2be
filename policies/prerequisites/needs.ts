import { clusterTargets } from '../../config/derive/targets.js';
import type { PlatformConfig } from '../../config/schema/platform.js';
import type { Prerequisite } from '../../config/schema/prerequisites.js';
import type { ClusterState } from '../cluster-state/types.js';
import { indexOutput, type OutputIndex } from '../output-index.js';
import type { SynthStack } from '../output.js';
import { globMatches } from './arn.js';
import { clusterReferences } from './cluster-references.js';
import { stackCreations, type Created } from './created.js';
import { stackReferences, type ExternalReference, type UnindexedLookup } from './references.js';

/** A reference no stack of its account creates, with the environment whose stack makes it. */
export interface ExternalNeed {
  readonly reference: ExternalReference;
  readonly envName: string;
  /** Index in config.prerequisites[envName] of the declaration that covers it. */
  readonly declaration?: number;
}

export interface PrerequisiteIndex {
  readonly needs: readonly ExternalNeed[];
  readonly unindexed: readonly UnindexedLookup[];
}

/** The environment a stack belongs to: the longest environment name its name starts with. */
export function envOfStack(config: PlatformConfig, stack: string): string | undefined {
  return Object.keys(config.environments)
    .sort((a, b) => b.length - a.length)
    .find((env) => stack.startsWith(`${env}-`));
}

const covers = (thing: { kind: string; identifier: string; region?: string }, pattern: string, region: string | undefined) =>
  globMatches(pattern, thing.identifier) && (!region || !thing.region || region === thing.region);

export const declarationCovers = (p: Prerequisite, r: ExternalReference): boolean => p.kind === r.kind && covers(r, p.match, p.region);

function buildNeeds(index: OutputIndex, config: PlatformConfig): PrerequisiteIndex {
  const createdIn = new Map<string, Created[]>();
  for (const c of index.stacks.flatMap(stackCreations)) createdIn.set(c.account, [...(createdIn.get(c.account) ?? []), c]);
  const needs: ExternalNeed[] = [];
  const unindexed: UnindexedLookup[] = [];
  const clusterEnv = new Map(clusterTargets(config).map((t) => [`cluster ${t.envName}/${t.region}`, t.envName]));
  const sources: {
    envName: string | undefined;
    found: { references: readonly ExternalReference[]; unindexed: readonly UnindexedLookup[] };
  }[] = [
    ...index.stacks.map((stack) => ({ envName: envOfStack(config, stack.name), found: stackReferences(stack) })),
    ...clusterReferences(index.states, config).map((r) => ({
      envName: clusterEnv.get(r.stack),
      found: { references: [r], unindexed: [] },
    })),
  ];
  for (const { envName, found } of sources) {
    if (!envName) continue;
    unindexed.push(...found.unindexed);
    for (const reference of found.references) {
      const created = (createdIn.get(reference.account) ?? []).some(
        (c) => c.kind === reference.kind && covers(reference, c.identifier, c.region),
      );
      if (created) continue;
      const declaration = (config.prerequisites[envName] ?? []).findIndex((p) => declarationCovers(p, reference));
      needs.push({ reference, envName, ...(declaration >= 0 ? { declaration } : {}) });
    }
  }
  return { needs, unindexed };
}

type Memo = WeakMap<PlatformConfig, WeakMap<readonly ClusterState[], PrerequisiteIndex>>;

/**
 * Every external reference of every stack (and every secret a cluster reads):
 * what each names that no stack of the same account creates, and which
 * declaration (if any) covers it. Data sources of a type the index does not
 * know are listed apart. Built once per synth, config and cluster states (the
 * rules and every environment's report read it).
 */
export function prerequisiteNeeds(index: OutputIndex, config: PlatformConfig): PrerequisiteIndex {
  const memo = index.derived<Memo>('prerequisite-needs', () => new WeakMap());
  const byStates = memo.get(config) ?? new WeakMap<readonly ClusterState[], PrerequisiteIndex>();
  memo.set(config, byStates);
  const known = byStates.get(index.states);
  if (known) return known;
  const built = buildNeeds(index, config);
  byStates.set(index.states, built);
  return built;
}

/** The same from the synthesized stacks and cluster states (the prerequisites report reads it). */
export const indexPrerequisites = (
  stacks: readonly SynthStack[],
  config: PlatformConfig,
  states: readonly ClusterState[] = [],
): PrerequisiteIndex => prerequisiteNeeds(indexOutput({ stacks, clusters: [], states }), config);
