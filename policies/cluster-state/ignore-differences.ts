import { apiGroupOf } from './api-groups.js';
import type { StateApplication, StateObject } from './types.js';

/** One `spec.ignoreDifferences` entry of an Argo CD Application. */
export interface IgnoreDifferenceEntry {
  readonly group?: string;
  readonly kind?: string;
  readonly name?: string;
  readonly namespace?: string;
  readonly jsonPointers?: readonly string[];
  readonly jqPathExpressions?: readonly string[];
}

/** `*` stands for any array index. */
type Path = readonly string[];

/** `/webhooks/0/clientConfig/caBundle` → segments (RFC 6901 escapes undone). */
const pointerPath = (pointer: string): Path =>
  pointer
    .split('/')
    .slice(1)
    .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'));

const JQ_STEP = /^(?:\.([A-Za-z_][\w-]*)|\."((?:[^"\\]|\\.)*)"|\[\]\??|\[(\d+)\]\??|\?)/;

/**
 * The path a jq path expression such as `.webhooks[]?.clientConfig.caBundle`
 * denotes, or undefined for anything beyond plain paths (filters, functions):
 * those are not evaluated, so they never count as coverage.
 */
export function jqPath(expression: string): Path | undefined {
  const path: string[] = [];
  let rest = expression.trim();
  if (rest === '.') return [];
  while (rest.length > 0) {
    const m = JQ_STEP.exec(rest);
    if (!m) return undefined;
    const [step, key, quoted, index] = m;
    if (key !== undefined) path.push(key);
    else if (quoted !== undefined) path.push(quoted.replace(/\\(.)/g, '$1'));
    else if (index !== undefined) path.push(index);
    else if (step.startsWith('[]')) path.push('*');
    rest = rest.slice(step.length);
  }
  return path;
}

const covers = (prefix: Path, path: Path) => prefix.length <= path.length && prefix.every((seg, i) => seg === path[i] || seg === '*');

export function entriesOf(app: StateApplication | undefined): IgnoreDifferenceEntry[] {
  return Array.isArray(app?.spec.ignoreDifferences) ? (app.spec.ignoreDifferences as IgnoreDifferenceEntry[]) : [];
}

/** Whether the Application's ignoreDifferences leave `pointer` of `o` out of Argo CD's diff. */
export function isIgnored(entries: readonly IgnoreDifferenceEntry[], o: StateObject, pointer: string): boolean {
  const path = pointerPath(pointer);
  return entries.some((e) => {
    if ((e.group ?? '') !== apiGroupOf(o.apiVersion) || e.kind !== o.kind) return false;
    if (e.name !== undefined && e.name !== o.name) return false;
    if (e.namespace !== undefined && e.namespace !== (o.namespace ?? '')) return false;
    const jq = (e.jqPathExpressions ?? []).map(jqPath).filter((p): p is Path => p !== undefined);
    const paths = [...(e.jsonPointers ?? []).map(pointerPath), ...jq];
    return paths.some((p) => covers(p, path));
  });
}
