import type { SynthStack } from '../synth/output.js';

/** One resource of a synthesized stack. */
export interface StackResource {
  readonly stack: string;
  readonly type: string;
  readonly name: string;
  /** `stack/type.name`: where findings and report rows point. */
  readonly where: string;
  readonly body: Readonly<Record<string, unknown>>;
}

/** `${type.name.attr}` (or `${data.type.name...}`) spanning the whole string; ARN suffixes like `:*` allowed. */
const REFERENCE = /^\$\{((?:data\.)?[a-z][a-z0-9_]*)\.([A-Za-z0-9_-]+)((?:\.[A-Za-z0-9_-]+)*)\}(:\*)?$/;

export interface Reference {
  readonly type: string;
  readonly name: string;
  /** Attribute path after the name, e.g. `arn` or `outputs.key_arn`. */
  readonly path: string[];
}

export function parseReference(value: unknown): Reference | undefined {
  if (typeof value !== 'string') return undefined;
  const match = REFERENCE.exec(value);
  if (!match || !match[1] || !match[2]) return undefined;
  return { type: match[1], name: match[2], path: (match[3] ?? '').split('.').filter(Boolean) };
}

/** cdktf writes nested blocks as an object or a list: always a list here. */
export function blocksOf(value: unknown): Record<string, unknown>[] {
  const list = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  return list.filter((v): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v));
}

export const truthy = (value: unknown): boolean => value === true || value === 'true';

export function tagsOf(body: Readonly<Record<string, unknown>>): Record<string, string> {
  const tags = body.tags;
  if (typeof tags !== 'object' || tags === null) return {};
  return Object.fromEntries(Object.entries(tags).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

/** Lookups within one stack (by type, by reference) and across stacks (outputs). */
export class StackIndex {
  private readonly byKey = new Map<string, StackResource>();
  private readonly byType = new Map<string, StackResource[]>();

  constructor(readonly stack: SynthStack) {
    for (const [kind, prefix] of [[stack.json.resource, ''], [stack.json.data, 'data.']] as const) {
      for (const [type, byName] of Object.entries(kind ?? {}).sort(([a], [b]) => a.localeCompare(b))) {
        for (const [name, body] of Object.entries(byName).sort(([a], [b]) => a.localeCompare(b))) {
          const resource: StackResource = { stack: stack.name, type: `${prefix}${type}`, name, where: `${stack.name}/${prefix}${type}.${name}`, body };
          this.byKey.set(`${prefix}${type}.${name}`, resource);
          this.byType.set(resource.type, [...(this.byType.get(resource.type) ?? []), resource]);
        }
      }
    }
  }

  ofType(type: string): StackResource[] {
    return this.byType.get(type) ?? [];
  }

  /** The resource a reference expression points at, in this stack. */
  resolve(value: unknown): StackResource | undefined {
    const ref = parseReference(value);
    return ref ? this.byKey.get(`${ref.type}.${ref.name}`) : undefined;
  }

  /** Resources of `type` whose `attribute` references `target` (e.g. the SSE configuration of a bucket). */
  referencing(target: StackResource, type: string, attribute: string): StackResource[] {
    return this.ofType(type).filter((r) => this.resolve(r.body[attribute]) === target);
  }

  output(name: string): unknown {
    const output = this.stack.json.output?.[name];
    return typeof output === 'object' && output !== null ? (output as Record<string, unknown>).value : undefined;
  }
}

/** An index per stack, by stack name. */
export function indexStacks(stacks: readonly SynthStack[]): Map<string, StackIndex> {
  return new Map(stacks.map((s) => [s.name, new StackIndex(s)]));
}
