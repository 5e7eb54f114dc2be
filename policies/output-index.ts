import type { ClusterState } from './cluster-state/types.js';
import { parseManifests, toObject } from './manifests.js';
import type { ClusterManifests, PolicyInput, SynthStack } from './output.js';
import { StackIndex } from './terraform.js';
import type { K8sObject } from './types.js';

/** The objects of one cluster folder (`<env>/<region>`), each with its `<dir>/<file>`. */
export interface ClusterObjects {
  readonly dir: string;
  readonly objects: readonly K8sObject[];
}

/**
 * The one index of a synth every rule and report reads: each stack's index
 * (in the order synth wrote them), lookups across stacks, the manifests and
 * the cluster states, and facts derived from them once (key proofs,
 * inventories) that several rules and reports share.
 */
export interface OutputIndex {
  readonly stacks: readonly StackIndex[];
  /** A stack by name (cross-stack references name the producing stack). */
  stack(name: string): StackIndex | undefined;
  /**
   * Objects of the given kinds in every cluster folder, files in name order:
   * the rendered objects when the caller has them (synth), else parsed YAML
   * (only documents of those kinds: parsing dominates the cost).
   */
  manifests(kinds: ReadonlySet<string>): ClusterObjects[];
  readonly states: readonly ClusterState[];
  /** A fact of the Terraform half, built on first use and kept for the rest of the synth. */
  derived<T>(key: string, build: () => T): T;
}

interface TerraformIndex {
  readonly stacks: readonly StackIndex[];
  readonly byName: ReadonlyMap<string, StackIndex>;
  readonly facts: Map<string, unknown>;
}

/** Keyed by the stacks array: synth hands the same array to every check and report. */
const terraformIndexes = new WeakMap<readonly SynthStack[], TerraformIndex>();

function terraformIndex(stacks: readonly SynthStack[]): TerraformIndex {
  const known = terraformIndexes.get(stacks);
  if (known) return known;
  const indexes = stacks.map((s) => new StackIndex(s));
  const built = { stacks: indexes, byName: new Map(indexes.map((s) => [s.name, s])), facts: new Map<string, unknown>() };
  terraformIndexes.set(stacks, built);
  return built;
}

function clusterObjects(cluster: ClusterManifests, kinds: ReadonlySet<string>): ClusterObjects {
  const files = new Set([...cluster.files.keys(), ...(cluster.objects?.keys() ?? [])]);
  const objects = [...files]
    .filter((file) => file.endsWith('.yaml'))
    .sort((a, b) => a.localeCompare(b))
    .flatMap((file) => {
      const docs = cluster.objects?.get(file);
      if (!docs) return parseManifests(`${cluster.dir}/${file}`, cluster.files.get(file) ?? '', kinds);
      return docs.filter((d) => kinds.has(String(d.kind))).flatMap((d) => toObject(`${cluster.dir}/${file}`, d));
    });
  return { dir: cluster.dir, objects };
}

/** The index of one synth output (the Terraform half is built once per stacks array). */
export function indexOutput(input: PolicyInput): OutputIndex {
  const terraform = terraformIndex(input.stacks);
  return {
    stacks: terraform.stacks,
    stack: (name) => terraform.byName.get(name),
    manifests: (kinds) => input.clusters.map((c) => clusterObjects(c, kinds)),
    states: input.states ?? [],
    derived: <T>(key: string, build: () => T): T => {
      if (!terraform.facts.has(key)) terraform.facts.set(key, build());
      return terraform.facts.get(key) as T;
    },
  };
}
