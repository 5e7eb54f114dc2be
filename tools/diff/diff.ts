import microdiffExport from 'microdiff';
import { parseDocument, splitDocuments } from '../../policies/manifests.js';
import type { SynthStack } from '../synth/output.js';
import { forcesReplacement, STATEFUL_TYPES } from './force-new.js';
import type { SynthTree } from './tree.js';

export interface AttributeChange {
  /** Dotted path with indices, e.g. `vpc_config.subnet_ids.0`. */
  readonly path: string;
  readonly kind: 'CREATE' | 'REMOVE' | 'CHANGE';
  readonly before?: unknown;
  readonly after?: unknown;
  /** Terraform replaces the resource for this change (FORCE_NEW table). */
  readonly forcesReplacement: boolean;
}

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

export interface ObjectChange {
  /** `<group>/<Kind>/<namespace>/<name>` (`core` for the core group, `-` when cluster-scoped). */
  readonly id: string;
  readonly file: string;
  readonly action: 'create' | 'update' | 'delete';
  readonly changes: readonly AttributeChange[];
}

export interface TargetDiff {
  /** Environment and region (`global` for account-wide stacks). */
  readonly env: string;
  readonly region: string;
  readonly resources: readonly ResourceChange[];
  readonly objects: readonly ObjectChange[];
}

export interface SynthDiff {
  readonly targets: readonly TargetDiff[];
  /** Every destructive change, in target order. */
  readonly destructive: readonly ResourceChange[];
}

type Body = Record<string, unknown>;

// Under Node's CommonJS interop (the esbuild bundle `npm run diff` runs as) the default import is the module object.
const microdiff: typeof microdiffExport =
  typeof microdiffExport === 'function' ? microdiffExport : (microdiffExport as unknown as { default: typeof microdiffExport }).default;

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
    for (const body of configs) items.set(`provider.${name}${typeof body.alias === 'string' ? `.${body.alias}` : ''}`, { type: 'provider', body });
  }
  const backend = stack.json.terraform?.backend;
  if (backend && typeof backend === 'object') items.set('terraform.backend', { type: 'backend', body: backend as Body });
  return items;
}

function attributeChanges(type: string, before: Body, after: Body): AttributeChange[] {
  return microdiff(before, after).map((d) => ({
    path: d.path.join('.'),
    kind: d.type,
    ...(d.type !== 'CREATE' ? { before: d.oldValue } : {}),
    ...(d.type !== 'REMOVE' ? { after: d.value } : {}),
    forcesReplacement: forcesReplacement(type, d.path, d.type),
  }));
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
    // A whole stack added or removed: its provider and backend blocks are not resources.
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
        sameIdentity(before.get(o.address)?.body ?? after.get(o.address)?.body ?? {}, before.get(c.address)?.body ?? after.get(c.address)?.body ?? {}),
    );
    return other ? { ...c, renamed: other.address } : c;
  });
}

interface ManifestObject {
  readonly id: string;
  readonly file: string;
  readonly body: Body;
}

interface Document {
  readonly file: string;
  readonly text: string;
}

function documentsOf(files: ReadonlyMap<string, string> | undefined): Document[] {
  return [...(files ?? [])]
    .sort(([x], [y]) => x.localeCompare(y))
    .flatMap(([file, text]) => splitDocuments(text).map((doc) => ({ file, text: doc.trim() })));
}

function objectsOf(docs: readonly Document[]): Map<string, ManifestObject> {
  const objects = new Map<string, ManifestObject>();
  for (const { file, text } of docs) {
    const body = parseDocument(text) as Body | null;
    if (!body || typeof body.kind !== 'string' || body.kind === 'Kustomization') continue;
    const apiVersion = String(body.apiVersion ?? '');
    const group = apiVersion.includes('/') ? apiVersion.split('/')[0] : 'core';
    const metadata = (body.metadata ?? {}) as Body;
    const id = `${group}/${body.kind}/${String(metadata.namespace ?? '-')}/${String(metadata.name ?? '')}`;
    objects.set(id, { id, file, body });
  }
  return objects;
}

/**
 * Field-level changes of one cluster's objects. Documents whose text is the
 * same on both sides are unchanged and never parsed (parsing dominates the cost);
 * the object identity is group/Kind/namespace/name, so a move between files is no change.
 */
function diffCluster(base: ReadonlyMap<string, string> | undefined, head: ReadonlyMap<string, string> | undefined): ObjectChange[] {
  const baseDocs = documentsOf(base);
  const headDocs = documentsOf(head);
  const baseTexts = new Set(baseDocs.map((d) => d.text));
  const headTexts = new Set(headDocs.map((d) => d.text));
  const before = objectsOf(baseDocs.filter((d) => !headTexts.has(d.text)));
  const after = objectsOf(headDocs.filter((d) => !baseTexts.has(d.text)));
  return [...new Set([...before.keys(), ...after.keys()])].sort().flatMap((id): ObjectChange[] => {
    const b = before.get(id);
    const a = after.get(id);
    if (!b && a) return [{ id, file: a.file, action: 'create', changes: [] }];
    if (b && !a) return [{ id, file: b.file, action: 'delete', changes: [] }];
    if (!a || !b) return [];
    const changes = attributeChanges('', b.body, a.body);
    return changes.length === 0 ? [] : [{ id, file: a.file, action: 'update', changes }];
  });
}

const targetKey = (env: string, region: string) => `${env}/${region}`;

/**
 * What changes from `base` to `head`, per environment and region: Terraform
 * resources (with predicted replacements) and Kubernetes objects (field level).
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
  for (const name of [...new Set([...baseStacks.keys(), ...headStacks.keys()])].sort()) {
    const { env, region } = stackTarget(name);
    const changes = diffStack(name, baseStacks.get(name), headStacks.get(name));
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
  return { targets: ordered, destructive: ordered.flatMap((t) => t.resources.filter((r) => r.destructive)) };
}
