/**
 * Where a Terraform diagnostic points inside a JSON configuration file: Terraform
 * reports a byte offset, the classifier and the stripper need the key path
 * (`resource / aws_eks_cluster / cluster / deletion_protection`).
 */

interface Frame {
  readonly kind: 'object' | 'array';
  key?: string;
  index: number;
  expectKey: boolean;
}

const pathOf = (stack: Frame[]): string[] =>
  stack.flatMap((f) => (f.kind === 'object' ? (f.key === undefined ? [] : [f.key]) : [String(f.index)]));

/** Index just past the closing quote of the string starting at `start`. */
function stringEnd(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
  return i + 1;
}

/** The key path of the member whose key or value holds UTF-8 byte `byte` of `text`. */
export function jsonPathAtByte(text: string, byte: number): string[] {
  const index = Buffer.from(text, 'utf8').subarray(0, byte).toString('utf8').length;
  return jsonPathAt(text, index);
}

/** The key path of the member whose key or value holds character `index` of `text`. */
export function jsonPathAt(text: string, index: number): string[] {
  const stack: Frame[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    const top = stack.at(-1);
    if (c === '"') {
      const end = stringEnd(text, i);
      if (top?.kind === 'object' && top.expectKey) {
        top.key = JSON.parse(text.slice(i, end)) as string;
        top.expectKey = false;
      }
      if (index >= i && index < end) return pathOf(stack);
      i = end;
      continue;
    }
    // A closing bracket belongs to its container, not to the container's last member.
    if (i >= index && !/\s/.test(c ?? '')) return pathOf(c === '}' || c === ']' ? stack.slice(0, -1) : stack);
    if (c === '{' || c === '[') stack.push({ kind: c === '{' ? 'object' : 'array', index: 0, expectKey: c === '{' });
    else if (c === '}' || c === ']') stack.pop();
    else if (c === ',' && top) {
      if (top.kind === 'object') {
        top.key = undefined;
        top.expectKey = true;
      } else top.index += 1;
    }
    i += 1;
  }
  return pathOf(stack);
}

/** A copy of `value` without the member at `path` (an array element is removed, not nulled); the same object when absent. */
export function withoutPath<T>(value: T, path: readonly string[]): T {
  const [head, ...rest] = path;
  if (head === undefined || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const at = Number(head);
    if (!Number.isInteger(at) || at < 0 || at >= value.length) return value;
    const child = rest.length === 0 ? undefined : withoutPath(value[at] as unknown, rest);
    if (rest.length > 0 && child === value[at]) return value;
    const copy = [...value];
    if (rest.length === 0) copy.splice(at, 1);
    else copy[at] = child;
    return copy as T;
  }
  const record = value as Record<string, unknown>;
  if (!(head in record)) return value;
  const child = rest.length === 0 ? undefined : withoutPath(record[head], rest);
  if (rest.length > 0 && child === record[head]) return value;
  const copy = { ...record };
  if (rest.length === 0) delete copy[head];
  else copy[head] = child;
  return copy as T;
}

/** Terraform address of the configuration object a key path lies in (`aws_s3_bucket.logs`, `data.aws_iam_policy_document.x`). */
export function addressOfPath(path: readonly string[]): string {
  const [block, type, name] = path;
  if (block === 'resource' && type) return `${type}.${name ?? '*'}`;
  if (block === 'data' && type) return `data.${type}.${name ?? '*'}`;
  if (block === 'provider' && type) return `provider.${type}`;
  if ((block === 'output' || block === 'variable' || block === 'module') && type) return `${block}.${type}`;
  return path.join('.') || '(stack)';
}
