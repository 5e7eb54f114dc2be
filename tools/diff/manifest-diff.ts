import { parseDocument, splitDocuments } from '../../policies/manifests.js';
import { attributeChanges, type AttributeChange } from './attribute-changes.js';

export interface ObjectChange {
  /** `<group>/<Kind>/<namespace>/<name>` (`core` for the core group, `-` when cluster-scoped). */
  readonly id: string;
  readonly file: string;
  readonly action: 'create' | 'update' | 'delete';
  readonly changes: readonly AttributeChange[];
}

type Body = Record<string, unknown>;

interface ManifestObject {
  readonly id: string;
  readonly file: string;
  readonly body: Body;
}

interface Document {
  readonly file: string;
  readonly text: string;
}

/** `<group>/<Kind>/<namespace>/<name>` of a manifest object. */
export function objectKey(body: Body, namespace?: string): string {
  const apiVersion = String(body.apiVersion ?? '');
  const group = apiVersion.includes('/') ? apiVersion.split('/')[0] : 'core';
  const metadata = (body.metadata ?? {}) as Body;
  return `${group}/${String(body.kind)}/${String(namespace ?? metadata.namespace ?? '-')}/${String(metadata.name ?? '')}`;
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
    const id = objectKey(body);
    objects.set(id, { id, file, body });
  }
  return objects;
}

/**
 * Field-level changes of one cluster's objects. Documents whose text is the
 * same on both sides are unchanged and never parsed (parsing dominates the cost);
 * the object identity is group/Kind/namespace/name, so a move between files is no change.
 */
export function diffCluster(base: ReadonlyMap<string, string> | undefined, head: ReadonlyMap<string, string> | undefined): ObjectChange[] {
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
