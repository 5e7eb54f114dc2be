import type { PlatformConfig } from '../config/index.js';
import type { SynthStack } from '../tools/synth/output.js';
import type { AwsContext, TfResource } from './types.js';

/** cdktf writes a nested block as an object or as a list of objects: always a list here. */
export function blocks(value: unknown): Record<string, unknown>[] {
  if (Array.isArray(value)) return value.filter((v): v is Record<string, unknown> => typeof v === 'object' && v !== null);
  return typeof value === 'object' && value !== null ? [value as Record<string, unknown>] : [];
}

/** Terraform booleans arrive as `true` or, from some generated blocks, as `"true"`. */
export const isTrue = (value: unknown): boolean => value === true || value === 'true';

export const isSet = (value: unknown): boolean => value !== undefined && value !== null && value !== '';

/** `${aws_x.name.attr...}` or `${data.aws_x.name.attr...}` spanning the whole string. */
const REFERENCE = /^\$\{((?:data\.)?[a-z][a-z0-9_]*)\.([A-Za-z0-9_-]+)(\.[^}]*)?\}$/;

/**
 * The resources of one stack, with its provider blocks as `provider.<name>[.<alias>]`
 * and its data sources as type `data.<type>` (read through references only).
 */
export function stackResources(stack: SynthStack): TfResource[] {
  const resources: TfResource[] = [];
  for (const [type, byName] of Object.entries(stack.json.resource ?? {})) {
    for (const [name, body] of Object.entries(byName)) {
      resources.push({ stack: stack.name, type, name, address: `${type}.${name}`, body });
    }
  }
  for (const [type, byName] of Object.entries(stack.json.data ?? {})) {
    for (const [name, body] of Object.entries(byName)) {
      resources.push({ stack: stack.name, type: `data.${type}`, name, address: `data.${type}.${name}`, body });
    }
  }
  for (const [providerName, configs] of Object.entries(stack.json.provider ?? {})) {
    for (const body of configs) {
      const name = typeof body.alias === 'string' ? `${providerName}.${body.alias}` : providerName;
      resources.push({ stack: stack.name, type: 'provider', name, address: `provider.${name}`, body });
    }
  }
  return resources.sort((a, b) => a.address.localeCompare(b.address));
}

export function tagsOf(value: unknown): Record<string, string> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  return Object.fromEntries(Object.entries(value).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

/** The lookups AWS rules make within one stack. */
export function awsContext(config: PlatformConfig, resources: readonly TfResource[]): AwsContext {
  const byAddress = new Map(resources.map((r) => [r.address, r]));
  const byType = new Map<string, TfResource[]>();
  for (const r of resources) byType.set(r.type, [...(byType.get(r.type) ?? []), r]);
  const resolve = (expression: unknown): TfResource | undefined => {
    if (typeof expression !== 'string') return undefined;
    const match = REFERENCE.exec(expression);
    return match ? byAddress.get(`${match[1]}.${match[2]}`) : undefined;
  };
  const providerTags = new Map(
    resources
      .filter((r) => r.type === 'provider')
      .map((p) => [p.name, Object.assign({}, ...blocks(p.body.default_tags).map((d) => tagsOf(d.tags))) as Record<string, string>]),
  );
  return {
    config,
    resolve,
    ofType: (type) => byType.get(type) ?? [],
    defaultTags: (resource) => {
      if (resource.type === 'provider') return providerTags.get(resource.name) ?? {};
      const provider = typeof resource.body.provider === 'string' ? resource.body.provider : resource.type.split('_')[0] ?? '';
      return providerTags.get(provider) ?? {};
    },
  };
}
