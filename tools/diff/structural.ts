import microdiffExport from 'microdiff';
import { parseEmbedded } from './embedded.js';

/** One step of a change's path. */
export type PathStep =
  /** An object key. */
  | string
  /** An array index (arrays whose elements have no name). */
  | number
  /** The element of an array of named things, matched by that name. */
  | { readonly key: string; readonly name: string | number }
  /** Into the JSON or YAML document a string attribute carries. */
  | { readonly embedded: 'json' | 'yaml' }
  /** The order of a named array whose order means something (ORDERED_KEYS). */
  | { readonly order: true };

export interface StructuralChange {
  readonly path: readonly PathStep[];
  readonly kind: 'CREATE' | 'REMOVE' | 'CHANGE';
  readonly before?: unknown;
  readonly after?: unknown;
}

// Under Node's CommonJS interop (the esbuild bundle `npm run diff` runs as) the default import is the module object.
const microdiff: typeof microdiffExport =
  typeof microdiffExport === 'function' ? microdiffExport : (microdiffExport as unknown as { default: typeof microdiffExport }).default;

/**
 * Keys that name an array element, in order of preference: Kubernetes and
 * Terraform `name`, IAM `Sid`, tag `Key`, Falco `rule`/`list`/`macro`, Grafana
 * `uid`/`id`, Prometheus `alert`/`record`.
 */
export const NAME_KEYS: readonly string[] = [
  'name',
  'Name',
  'Sid',
  'key',
  'Key',
  'id',
  'Id',
  'ID',
  'uid',
  'rule',
  'list',
  'macro',
  'alert',
  'record',
];

/**
 * Named arrays whose order still means something: init containers run in
 * turn, an Istio route list's first match wins. Their elements are matched by
 * name too, and a new order is one change of its own (`http<order>`).
 */
export const ORDERED_KEYS: ReadonlySet<string> = new Set(['initContainers', 'http', 'tcp', 'tls']);

/** Marker keys of the normalized trees microdiff compares; no real key starts with NUL. */
const NAMED = '\u0000named\u0000';
const EMBEDDED = '\u0000embedded\u0000';
const ORDER = '\u0000order';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);
const nameOf = (element: unknown, key: string): string | number | undefined => {
  const v = isObject(element) ? element[key] : undefined;
  return typeof v === 'string' || typeof v === 'number' ? v : undefined;
};

/** `key=name` per element, or undefined when some element has no name or two share one. */
function identities(
  elements: readonly unknown[],
  pick: (element: unknown) => { key: string; name: string | number } | undefined,
): string[] | undefined {
  const ids: string[] = [];
  for (const element of elements) {
    const id = pick(element);
    if (!id) return undefined;
    ids.push(`${NAMED}${id.key}\u0000${JSON.stringify(id.name)}`);
  }
  return new Set(ids).size === ids.length ? ids : undefined;
}

/**
 * How both sides' elements are named: one key every element has (containers by
 * `name`), else each element's first name key (Falco's mixed `rule`, `list` and
 * `macro` entries); undefined when the array is positional.
 */
function namesOf(before: readonly unknown[], after: readonly unknown[]): [string[], string[]] | undefined {
  if (before.length + after.length === 0) return undefined;
  const all = [...before, ...after];
  const shared = NAME_KEYS.find((key) => all.every((e) => nameOf(e, key) !== undefined));
  const pick = shared
    ? (e: unknown) => ({ key: shared, name: nameOf(e, shared) ?? '' })
    : (e: unknown) => {
        const key = NAME_KEYS.find((k) => nameOf(e, k) !== undefined);
        return key ? { key, name: nameOf(e, key) ?? '' } : undefined;
      };
  const b = identities(before, pick);
  const a = identities(after, pick);
  return b && a ? [b, a] : undefined;
}

/**
 * Both sides rewritten so that microdiff sees what matters: named arrays as
 * objects keyed by name (a reorder is no change), differing strings that carry
 * JSON or YAML as their parsed documents. Subtrees present on one side only
 * stay as they are: they are reported whole.
 */
function normalizePair(before: unknown, after: unknown, key?: string): [unknown, unknown] {
  if (before === after) return [before, after];
  if (Array.isArray(before) && Array.isArray(after)) {
    const names = namesOf(before, after);
    if (!names) {
      const pairs = before.map((b, i) => (i < after.length ? normalizePair(b, after[i]) : [b, undefined]));
      return [pairs.map(([b]) => b), after.map((a, i) => (pairs[i] ? pairs[i][1] : a))];
    }
    const [bNames, aNames] = names;
    const order = (own: string[], other: string[]) =>
      own
        .filter((n) => other.includes(n))
        .map((n) => stepName(n))
        .join(', ');
    const b = new Map(bNames.map((n, i) => [n, before[i]]));
    const a = new Map(aNames.map((n, i) => [n, after[i]]));
    const nb: Json = {};
    const na: Json = {};
    for (const [n, v] of b) {
      if (a.has(n)) [nb[n], na[n]] = normalizePair(v, a.get(n));
      else nb[n] = v;
    }
    for (const [n, v] of a) if (!b.has(n)) na[n] = v;
    if (key !== undefined && ORDERED_KEYS.has(key)) [nb[ORDER], na[ORDER]] = [order(bNames, aNames), order(aNames, bNames)];
    return [nb, na];
  }
  if (isObject(before) && isObject(after)) {
    const nb: Json = { ...before };
    const na: Json = { ...after };
    for (const k of Object.keys(before)) if (k in after) [nb[k], na[k]] = normalizePair(before[k], after[k], k);
    return [nb, na];
  }
  if (typeof before === 'string' && typeof after === 'string') {
    const b = parseEmbedded(before);
    const a = b ? parseEmbedded(after) : undefined;
    if (b && a && b.format === a.format) {
      const [db, da] = normalizePair(b.document, a.document);
      return [{ [`${EMBEDDED}${b.format}`]: db }, { [`${EMBEDDED}${a.format}`]: da }];
    }
  }
  return [before, after];
}

/** `name` of a NAMED marker key. */
function stepName(raw: string): string {
  const [, name = '""'] = raw.slice(NAMED.length).split('\u0000');
  const value = JSON.parse(name) as string | number;
  return String(value);
}

function stepOf(raw: string | number): PathStep {
  if (typeof raw === 'number') return raw;
  if (raw === ORDER) return { order: true };
  if (raw.startsWith(NAMED)) {
    const [key = '', name = '""'] = raw.slice(NAMED.length).split('\u0000');
    return { key, name: JSON.parse(name) as string | number };
  }
  if (raw.startsWith(EMBEDDED)) return { embedded: raw.slice(EMBEDDED.length) === 'yaml' ? 'yaml' : 'json' };
  return raw;
}

/**
 * Changes from `before` to `after`, path by path (microdiff underneath), with
 * arrays of named things matched by name and JSON/YAML inside strings compared
 * as documents: a changed IAM action reads `policy<json>.Statement[Sid=Read].Action.1`.
 */
export function structuralChanges(before: unknown, after: unknown): StructuralChange[] {
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  const [b, a] = normalizePair(before, after);
  if (!isObject(b) && !Array.isArray(b)) return [{ path: [], kind: 'CHANGE', before, after }];
  if (!isObject(a) && !Array.isArray(a)) return [{ path: [], kind: 'CHANGE', before, after }];
  return microdiff(b, a).map((d) => ({
    path: d.path.map(stepOf),
    kind: d.type,
    ...(d.type !== 'CREATE' ? { before: d.oldValue } : {}),
    ...(d.type !== 'REMOVE' ? { after: d.value } : {}),
  }));
}

const PLAIN_KEY = /^[A-Za-z_$][\w$-]*$/;

/** `policy<json>.Statement[Sid=Read].Action.1`; keys with dots or slashes are quoted: `annotations["argocd.argoproj.io/sync-wave"]`. */
export function formatPath(path: readonly PathStep[]): string {
  let out = '';
  for (const step of path) {
    if (typeof step === 'number') out += `${out ? '.' : ''}${step}`;
    else if (typeof step === 'string') out += PLAIN_KEY.test(step) ? `${out ? '.' : ''}${step}` : `[${JSON.stringify(step)}]`;
    else if ('embedded' in step) out += `<${step.embedded}>`;
    else if ('order' in step) out += '<order>';
    else out += `[${step.key}=${typeof step.name === 'string' && PLAIN_KEY.test(step.name) ? step.name : JSON.stringify(step.name)}]`;
  }
  return out;
}

/**
 * The path as Terraform's schema sees it (what the force-new table matches):
 * keys up to the attribute that carries a document, named elements as indices.
 */
export function schemaPath(path: readonly PathStep[]): { path: (string | number)[]; insideDocument: boolean } {
  const out: (string | number)[] = [];
  for (const step of path) {
    if (typeof step === 'string' || typeof step === 'number') out.push(step);
    else if ('embedded' in step) return { path: out, insideDocument: true };
    else if ('order' in step) return { path: out, insideDocument: false };
    else out.push(0);
  }
  return { path: out, insideDocument: false };
}
