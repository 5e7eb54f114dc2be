import { CORE_SCHEMA, load } from 'js-yaml';

/** A JSON or YAML document carried in a string attribute (IAM policy, monitor specification, Helm values, Falco rules, dashboard). */
export interface EmbeddedDocument {
  readonly format: 'json' | 'yaml';
  readonly document: object;
}

/** Documents above this size are compared as text: parsing them is not worth a PR comment. */
const MAX_EMBEDDED_CHARS = 2_000_000;
const PLACEHOLDER = (i: number) => `@@terraform-expression-${i}@@`;
const PLACEHOLDER_PATTERN = /@@terraform-expression-(\d+)@@/g;

/**
 * Terraform interpolations (`${replace(x, "a", "b")}`) may hold quotes that
 * break JSON: each becomes a placeholder while parsing, restored afterwards.
 */
function maskExpressions(text: string): { masked: string; expressions: string[] } {
  const expressions: string[] = [];
  let masked = '';
  let i = 0;
  while (i < text.length) {
    const start = text.indexOf('${', i);
    if (start === -1) break;
    let depth = 0;
    let end = start + 1;
    for (; end < text.length; end++) {
      if (text[end] === '{') depth++;
      else if (text[end] === '}' && --depth === 0) break;
    }
    if (end >= text.length) break;
    masked += text.slice(i, start) + PLACEHOLDER(expressions.length);
    expressions.push(text.slice(start, end + 1));
    i = end + 1;
  }
  return { masked: masked + text.slice(i), expressions };
}

function unmask(value: unknown, expressions: readonly string[]): unknown {
  const restore = (s: string) => s.replace(PLACEHOLDER_PATTERN, (_, n: string) => expressions[Number(n)] ?? '');
  if (typeof value === 'string') return restore(value);
  if (Array.isArray(value)) return value.map((v) => unmask(v, expressions));
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [restore(k), unmask(v, expressions)]));
  return value;
}

const isStructured = (v: unknown): v is object => v !== null && typeof v === 'object';

/**
 * The document a string carries: JSON when it starts with `{` or `[`, YAML when
 * it spans lines and parses to a mapping or a list (a script or a Rego module
 * parses to a plain string, or not at all, and stays text).
 */
export function parseEmbedded(text: string): EmbeddedDocument | undefined {
  if (text.length > MAX_EMBEDDED_CHARS) return undefined;
  const trimmed = text.trim();
  const json = trimmed.startsWith('{') || trimmed.startsWith('[');
  if (!json && !trimmed.includes('\n')) return undefined;
  const { masked, expressions } = maskExpressions(text);
  try {
    // Core schema: no YAML 1.1 dates or yes/no booleans, as policies/manifests.ts reads manifests.
    const parsed: unknown = json ? JSON.parse(masked) : load(masked, { json: true, schema: CORE_SCHEMA });
    if (!isStructured(parsed)) return undefined;
    const document = expressions.length > 0 ? unmask(parsed, expressions) : parsed;
    return isStructured(document) ? { format: json ? 'json' : 'yaml', document } : undefined;
  } catch {
    return undefined;
  }
}
