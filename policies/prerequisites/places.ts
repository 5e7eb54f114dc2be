import type { SynthStack } from '../../tools/synth/output.js';

/** Where a resource lives: the account and region of the AWS provider it uses. */
export interface Place {
  readonly account: string;
  readonly region: string;
}

export type Body = Readonly<Record<string, unknown>>;

export const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** A literal value: set, and not computed from another resource at apply time. */
export const literal = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' && !value.includes('${') ? value : undefined);

/** The place of every AWS provider of a stack, by `aws` or `aws.<alias>`. */
export function providerPlaces(stack: SynthStack): Map<string, Place> {
  const places = new Map<string, Place>();
  for (const p of stack.json.provider?.aws ?? []) {
    const accounts = Array.isArray(p.allowed_account_ids) ? p.allowed_account_ids : [];
    const place = { account: text(accounts[0]), region: text(p.region) };
    places.set(typeof p.alias === 'string' ? `aws.${p.alias}` : 'aws', place);
  }
  return places;
}

/** A resource's place: its `provider` alias, else the stack's default AWS provider (GitHub resources included). */
export function placeOf(places: ReadonlyMap<string, Place>, body: Body): Place {
  const alias = typeof body.provider === 'string' ? body.provider : 'aws';
  return places.get(alias) ?? places.get('aws') ?? { account: '', region: '' };
}

/** Every `[type, name, body]` of one block kind (`resource` or `data`) of a stack, in file order. */
export function blocksOf(stack: SynthStack, kind: 'resource' | 'data'): [string, string, Body][] {
  return Object.entries(stack.json[kind] ?? {}).flatMap(([type, byName]) => Object.entries(byName).map(([name, body]): [string, string, Body] => [type, name, body]));
}

/** Every string inside a value, skipping cdktf's `//` metadata. */
export function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([key, v]) => (key === '//' ? [] : stringsIn(v)));
  }
  return [];
}
