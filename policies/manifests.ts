import { CORE_SCHEMA, load } from 'js-yaml';
import type { K8sObject } from './types.js';

/**
 * The documents of a YAML stream. Rendered manifests put `---` alone on a line
 * between documents and top-level keys at column 0 (block scalars are indented).
 */
export function splitDocuments(text: string): string[] {
  return text.split(/^---[ \t]*$/m).filter((doc) => doc.trim() !== '');
}

const KIND = /^kind:[ \t]*["']?([A-Za-z0-9]+)/m;

/** The top-level `kind` of one document, read without parsing it. */
export const documentKind = (doc: string): string | undefined => KIND.exec(doc)?.[1];

export function toObject(file: string, body: unknown): K8sObject[] {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return [];
  const record = body as Record<string, unknown>;
  if (typeof record.kind !== 'string') return [];
  const metadata = (record.metadata ?? {}) as { name?: unknown; namespace?: unknown };
  return [
    {
      file,
      apiVersion: String(record.apiVersion ?? ''),
      kind: record.kind,
      namespace: typeof metadata.namespace === 'string' ? metadata.namespace : undefined,
      name: String(metadata.name ?? ''),
      body: record,
    },
  ];
}

/** One YAML 1.2 document (core schema: no YAML 1.1 dates or yes/no booleans). js-yaml parses ~10x faster than `yaml`. */
export const parseDocument = (doc: string): unknown => load(doc, { schema: CORE_SCHEMA });

/**
 * The objects of one YAML stream; `file` names it in findings. With `kinds`,
 * only documents of those kinds are parsed: YAML parsing dominates the cost of
 * the catalog, and most rendered documents (dashboards, Argo CD apps, rules) hold no pods.
 */
export function parseManifests(file: string, text: string, kinds?: ReadonlySet<string>): K8sObject[] {
  return splitDocuments(text)
    .filter((doc) => !kinds || kinds.has(documentKind(doc) ?? ''))
    .flatMap((doc) => toObject(file, parseDocument(doc)));
}

/** `Kind/namespace/name`, or `Kind/name` for cluster-scoped objects. */
export const objectId = (o: K8sObject): string => (o.namespace ? `${o.kind}/${o.namespace}/${o.name}` : `${o.kind}/${o.name}`);
