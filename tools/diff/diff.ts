import type { SynthStack } from '../synth/output.js';
import { attributeChanges, type AttributeChange } from './attribute-changes.js';
import { STATEFUL_TYPES } from './force-new.js';
import { diffCluster, type ObjectChange } from './manifest-diff.js';
import type { SynthTree } from './tree.js';

export type { AttributeChange } from './attribute-changes.js';
export type { ObjectChange } from './manifest-diff.js';

export type ResourceAction = 'create' | 'update' | 'replace' | 'delete';

export interface ResourceChange {
  readonly stack: string;
  /** `type.name`, `provider.<name>` or `terraform.backend`. */
  readonly address: string;
  readonly type: string;
  readonly action: ResourceAction;
  readonly changes: readonly AttributeChange[];
  /** Data is lost: a stateful resource destroyed or replaced, or the stack's state moved. */
  readonly destructive: boolean;
  /** The address this one was probably renamed from/to (same type and identity, new construct id). */
  readonly renamed?: string;
}

export interface TargetDiff {
  /** Environment and region (`global` for account-wide stacks). */
  readonly env: string;
  readonly region: string;
  readonly resources: readonly ResourceChange[];
  readonly objects: readonly ObjectChange[];
}

/**
 * A stack the base synthesizes and the working tree does not. `cdktf deploy`
 * only deploys the stacks it is given: nothing destroys this one, its state
 * stays in S3 and its resources keep running, orphaned, until someone runs
 * `cdktf destroy <stack>` from a revision that still has it.
 */
export interface RemovedStack {
  readonly stack: string;
  readonly env: string;
  readonly region: string;
  readonly resources: readonly { readonly address: string; readonly type: string; readonly stateful: boolean }[];
  /** It holds stateful resources: blocking, as a stateful destroy is. */
  readonly stateful: boolean;
}

export interface SynthDiff {
  readonly targets: readonly TargetDiff[];
  /** Every destructive change, in target order. */
  readonly destructive: readonly ResourceChange[];
  /** Stacks that disappear, by name. */
  readonly removedStacks: readonly RemovedStack[];
  /** Stacks the working tree adds, by name. */
  readonly addedStacks: readonly string[];
}

type Body = Record<string, unknown>;

const STACK_NAME = /^([a-z][a-z0-9]*)-(global|[a-z]{2}(?:-[a-z]+)+-\d+)-(.+)$/;

/** `<env>-<region>-<kind>`: the environment and region of a stack. */
export function stackTarget(name: string): { env: string; region: string } {
  const m = STACK_NAME.exec(name);
  return m ? { env: m[1] ?? name, region: m[2] ?? '-' } : { env: name, region: '-' };
}

/** Without cdktf's `//` metadata (construct paths), which Terraform never sees. */
function strip(body: Body): Body {
  return Object.fromEntries(Object.entries(body).filter(([key]) => key !== '//'));
}

/** Every diffable item of a stack: resources, provider blocks and the backend. */
function stackItems(stack: SynthStack | undefined): Map<string, { type: string; body: Body }> {
  const items = new Map<string, { type: string; body: Body }>();
  if (!stack) return items;
  for (const [type, byName] of Object.entries(stack.json.resource ?? {})) {
    for (const [name, body] of Object.entries(byName)) items.set(`${type}.${name}`, { type, body: strip(body) });
  }
  for (const [name, configs] of Object.entries(stack.json.provider ?? {})) {
    for (const body of configs)
      items.set(`provider.${name}${typeof body.alias === 'string' ? `.${body.alias}` : ''}`, { type: 'provider', body });
  }
  const backend = stack.json.terraform?.backend;
  if (backend && typeof backend === 'object') items.set('terraform.backend', { type: 'backend', body: backend as Body });
  return items;
}

/** The backend now points at another state (other type, bucket, key, region or path): Terraform would start empty. */
const movesState = (diffs: readonly AttributeChange[]): boolean => diffs.some((d) => /^[^.]+(\.(bucket|key|region|path))?$/.test(d.path));

/** Attributes that name the real-world object: equal across a construct-id rename. */
const IDENTITY = ['bucket', 'identifier', 'cluster_identifier', 'node_group_name', 'name', 'cidr_block'];

function sameIdentity(a: Body, b: Body): boolean {
  const key = IDENTITY.find((k) => a[k] !== undefined);
  return key !== undefined ? JSON.stringify(a[key]) === JSON.stringify(b[key]) : JSON.stringify(a) === JSON.stringify(b);
}

function diffStack(name: string, base: SynthStack | undefined, head: SynthStack | undefined): ResourceChange[] {
  const before = stackItems(base);
  const after = stackItems(head);
  const addresses = [...new Set([...before.keys(), ...after.keys()])].sort();
  const changes = addresses.flatMap((address): ResourceChange[] => {
    const b = before.get(address);
    const a = after.get(address);
    const type = (a ?? b)?.type ?? '';
    // A whole stack added: its provider and backend blocks are not resources.
    if ((!a || !b) && (type === 'provider' || type === 'backend')) return [];
    if (!b) return [{ stack: name, address, type, action: 'create', changes: [], destructive: false }];
    if (!a) return [{ stack: name, address, type, action: 'delete', changes: [], destructive: STATEFUL_TYPES.has(type) }];
    const diffs = attributeChanges(type, b.body, a.body);
    if (diffs.length === 0) return [];
    const replace = diffs.some((d) => d.forcesReplacement);
    const destructive = type === 'backend' ? movesState(diffs) : replace && STATEFUL_TYPES.has(type);
    return [{ stack: name, address, type, action: replace ? 'replace' : 'update', changes: diffs, destructive }];
  });
  // A delete and a create of the same type and identity: a changed construct id.
  return changes.map((c) => {
    if (c.action !== 'delete' && c.action !== 'create') return c;
    const other = changes.find(
      (o) =>
        o.type === c.type &&
        o.action === (c.action === 'delete' ? 'create' : 'delete') &&
        sameIdentity(
          before.get(o.address)?.body ?? after.get(o.address)?.body ?? {},
          before.get(c.address)?.body ?? after.get(c.address)?.body ?? {},
        ),
    );
    return other ? { ...c, renamed: other.address } : c;
  });
}

function removedStack(stack: SynthStack): RemovedStack {
  const resources = Object.entries(stack.json.resource ?? {})
    .flatMap(([type, byName]) =>
      Object.keys(byName).map((name) => ({ address: `${type}.${name}`, type, stateful: STATEFUL_TYPES.has(type) })),
    )
    .sort((a, b) => a.address.localeCompare(b.address));
  return { stack: stack.name, ...stackTarget(stack.name), resources, stateful: resources.some((r) => r.stateful) };
}

const targetKey = (env: string, region: string) => `${env}/${region}`;

/**
 * What changes from `base` to `head`, per environment and region: Terraform
 * resources (with predicted replacements), Kubernetes objects (field level),
 * and stacks that disappear (their own category: nothing destroys them).
 * Pure: the CLI feeds it two synths, tests feed it fixtures.
 */
export function diffTrees(base: SynthTree, head: SynthTree): SynthDiff {
  const targets = new Map<string, { env: string; region: string; resources: ResourceChange[]; objects: ObjectChange[] }>();
  const target = (env: string, region: string) => {
    const key = targetKey(env, region);
    let t = targets.get(key);
    if (!t) targets.set(key, (t = { env, region, resources: [], objects: [] }));
    return t;
  };
  const baseStacks = new Map(base.stacks.map((s) => [s.name, s]));
  const headStacks = new Map(head.stacks.map((s) => [s.name, s]));
  const removedStacks: RemovedStack[] = [];
  for (const name of [...new Set([...baseStacks.keys(), ...headStacks.keys()])].sort()) {
    const before = baseStacks.get(name);
    const after = headStacks.get(name);
    if (before && !after) {
      removedStacks.push(removedStack(before));
      continue;
    }
    const { env, region } = stackTarget(name);
    const changes = diffStack(name, before, after);
    if (changes.length > 0) target(env, region).resources.push(...changes);
  }
  const baseClusters = new Map(base.clusters.map((c) => [c.dir, c.files]));
  const headClusters = new Map(head.clusters.map((c) => [c.dir, c.files]));
  for (const dir of [...new Set([...baseClusters.keys(), ...headClusters.keys()])].sort()) {
    const [env = dir, region = '-'] = dir.split('/');
    const changes = diffCluster(baseClusters.get(dir), headClusters.get(dir));
    if (changes.length > 0) target(env, region).objects.push(...changes);
  }
  const ordered = [...targets.values()].sort((a, b) => targetKey(a.env, a.region).localeCompare(targetKey(b.env, b.region)));
  return {
    targets: ordered,
    destructive: ordered.flatMap((t) => t.resources.filter((r) => r.destructive)),
    removedStacks,
    addedStacks: [...headStacks.keys()].filter((name) => !baseStacks.has(name)).sort(),
  };
}
