import type { PlatformConfig } from '../config/schema/platform.js';
import type { SynthStack } from './output.js';
import type { AwsContext, TfResource } from './types.js';

export type Body = Readonly<Record<string, unknown>>;

/** cdktf writes a nested block as an object or as a list of objects: always a list here. */
export function blocks(value: unknown): Record<string, unknown>[] {
  const list = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  return list.filter((v): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v));
}

/** Terraform booleans arrive as `true` or, from some generated blocks, as `"true"`. */
export const isTrue = (value: unknown): boolean => value === true || value === 'true';

export const isSet = (value: unknown): boolean => value !== undefined && value !== null && value !== '';

export const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** A literal value: set, and not computed from another resource at apply time. */
export const literal = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' && !value.includes('${') ? value : undefined;

/** The string-valued entries of a `tags` map. */
export function tagsOf(value: unknown): Record<string, string> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  return Object.fromEntries(Object.entries(value).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

/** Every string inside a value, skipping cdktf's `//` metadata. */
export function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (typeof value === 'object' && value !== null) return Object.entries(value).flatMap(([key, v]) => (key === '//' ? [] : stringsIn(v)));
  return [];
}

/** `${aws_x.name.attr...}` or `${data.aws_x.name.attr...}` spanning the whole string; an ARN suffix `:*` (log groups) allowed. */
const REFERENCE = /^\$\{((?:data\.)?[a-z][a-z0-9_]*)\.([A-Za-z0-9_-]+)(\.[^}]*)?\}(:\*)?$/;

export interface Reference {
  /** Terraform type, `data.<type>` for a data source. */
  readonly type: string;
  readonly name: string;
  /** Attribute path after the name, e.g. `arn` or `outputs.key_arn`. */
  readonly path: string[];
}

export function parseReference(value: unknown): Reference | undefined {
  if (typeof value !== 'string') return undefined;
  const match = REFERENCE.exec(value);
  if (!match?.[1] || !match[2]) return undefined;
  return { type: match[1], name: match[2], path: (match[3] ?? '').split('.').filter(Boolean) };
}

/** `stack/type.name`: where findings and report rows point. */
export const whereOf = (r: TfResource): string => `${r.stack}/${r.address}`;

/** Every `[type, name, body]` of one block kind (`resource` or `data`) of a stack, in file order. */
export function blocksOf(stack: SynthStack, kind: 'resource' | 'data'): [string, string, Body][] {
  return Object.entries(stack.json[kind] ?? {}).flatMap(([type, byName]) =>
    Object.entries(byName).map(([name, body]): [string, string, Body] => [type, name, body]),
  );
}

function providerResources(stack: SynthStack): TfResource[] {
  return Object.entries(stack.json.provider ?? {}).flatMap(([providerName, configs]) =>
    configs.map((body) => {
      const name = typeof body.alias === 'string' ? `${providerName}.${body.alias}` : providerName;
      return { stack: stack.name, type: 'provider', name, address: `provider.${name}`, body };
    }),
  );
}

/**
 * The resources of one stack, sorted by address, with its provider blocks as
 * `provider.<name>[.<alias>]` and its data sources as type `data.<type>`.
 */
export function stackResources(stack: SynthStack): TfResource[] {
  const resources: TfResource[] = [];
  for (const [type, name, body] of blocksOf(stack, 'resource'))
    resources.push({ stack: stack.name, type, name, address: `${type}.${name}`, body });
  for (const [type, name, body] of blocksOf(stack, 'data'))
    resources.push({ stack: stack.name, type: `data.${type}`, name, address: `data.${type}.${name}`, body });
  resources.push(...providerResources(stack));
  return resources.sort((a, b) => a.address.localeCompare(b.address));
}

/** Where a resource lives: the account and region of the AWS provider it uses. */
export interface Place {
  readonly account: string;
  readonly region: string;
}

function placesOf(providers: readonly TfResource[]): Map<string, Place> {
  const places = new Map<string, Place>();
  for (const p of providers) {
    if (p.name !== 'aws' && !p.name.startsWith('aws.')) continue;
    const accounts = Array.isArray(p.body.allowed_account_ids) ? p.body.allowed_account_ids : [];
    places.set(p.name, { account: text(accounts[0]), region: text(p.body.region) });
  }
  return places;
}

/** The place of every AWS provider of a stack, by `aws` or `aws.<alias>`. */
export const providerPlaces = (stack: SynthStack): Map<string, Place> => placesOf(providerResources(stack));

/** A resource's place: its `provider` alias, else the stack's default AWS provider (GitHub resources included). */
export function placeOf(places: ReadonlyMap<string, Place>, body: Body): Place {
  const alias = typeof body.provider === 'string' ? body.provider : 'aws';
  return places.get(alias) ?? places.get('aws') ?? { account: '', region: '' };
}

/**
 * The one index of a synthesized stack every rule and report reads: resources
 * by address and type, reference resolution, outputs, provider places and tags.
 */
export class StackIndex {
  readonly name: string;
  private readonly byAddress: Map<string, TfResource>;
  private readonly byType = new Map<string, TfResource[]>();
  readonly places: ReadonlyMap<string, Place>;
  private readonly providerTags: Map<string, Record<string, string>>;

  /** `resources` defaults to the stack's own; tests pass a hand-made list. */
  constructor(
    readonly stack: SynthStack,
    readonly resources: readonly TfResource[] = stackResources(stack),
  ) {
    this.name = stack.name;
    this.byAddress = new Map(resources.map((r) => [r.address, r]));
    for (const r of resources) {
      const list = this.byType.get(r.type);
      if (list) list.push(r);
      else this.byType.set(r.type, [r]);
    }
    const providers = this.ofType('provider');
    this.places = placesOf(providers);
    this.providerTags = new Map(
      providers.map((p) => [
        p.name,
        Object.assign({}, ...blocks(p.body.default_tags).map((d) => tagsOf(d.tags))) as Record<string, string>,
      ]),
    );
  }

  /** Resources of one type, by name. */
  ofType(type: string): TfResource[] {
    return this.byType.get(type) ?? [];
  }

  /** The resource a `${type.name.attr}` expression of this stack points at. */
  resolve(expression: unknown): TfResource | undefined {
    const ref = parseReference(expression);
    return ref ? this.byAddress.get(`${ref.type}.${ref.name}`) : undefined;
  }

  /** Resources of `type` whose `attribute` references `target` (e.g. the SSE configuration of a bucket). */
  referencing(target: TfResource, type: string, attribute: string): TfResource[] {
    return this.ofType(type).filter((r) => this.resolve(r.body[attribute]) === target);
  }

  /** The value of one of the stack's outputs. */
  output(name: string): unknown {
    const output = this.stack.json.output?.[name];
    return typeof output === 'object' && output !== null ? (output as Record<string, unknown>).value : undefined;
  }

  placeOf(resource: TfResource): Place {
    return placeOf(this.places, resource.body);
  }

  /** The provider default_tags that apply to a resource (its `provider` alias or the default one). */
  defaultTags(resource: TfResource): Record<string, string> {
    if (resource.type === 'provider') return this.providerTags.get(resource.name) ?? {};
    const provider = typeof resource.body.provider === 'string' ? resource.body.provider : (resource.type.split('_')[0] ?? '');
    return this.providerTags.get(provider) ?? {};
  }
}

/** The lookups AWS rules make within one stack. */
export function stackContext(config: PlatformConfig, index: StackIndex): AwsContext {
  return {
    config,
    resolve: (expression) => index.resolve(expression),
    ofType: (type) => index.ofType(type),
    defaultTags: (resource) => index.defaultTags(resource),
  };
}

/** The same over a hand-made resource list (rule tests). */
export const awsContext = (config: PlatformConfig, resources: readonly TfResource[]): AwsContext =>
  stackContext(config, new StackIndex({ name: resources[0]?.stack ?? '', json: {} }, resources));
