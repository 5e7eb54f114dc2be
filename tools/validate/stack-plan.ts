/**
 * How each synthesized stack is validated against the mirror: which provider
 * version stands in for the pinned one, or why the stack is skipped. The copy
 * that Terraform reads differs from cdk.tf.json only in that version and in
 * having no backend (`init -backend=false` ignores it anyway).
 */
import { compareVersions, type Mirror } from './mirror.js';

export type StackJson = Record<string, unknown> & { terraform?: Record<string, unknown> };

interface RequiredProvider {
  readonly source?: string;
  readonly version?: string;
}

/** The provider a stack requires, with the version it pins and the mirrored one it is validated with. */
export interface ProviderUse {
  readonly local: string;
  readonly source: string;
  readonly pinned: string;
  readonly used: string;
}

export type StackPlan =
  | { readonly name: string; readonly skipped: string }
  | { readonly name: string; readonly json: StackJson; readonly providers: readonly ProviderUse[]; readonly ownRoot?: string };

/** `aws` → `registry.terraform.io/hashicorp/aws`, `integrations/github` → `registry.terraform.io/integrations/github`. */
export function providerAddress(source: string): string {
  const parts = source.toLowerCase().split('/');
  if (parts.length === 1) return `registry.terraform.io/hashicorp/${parts[0]}`;
  if (parts.length === 2) return `registry.terraform.io/${source.toLowerCase()}`;
  return source.toLowerCase();
}

/** The pinned version when the mirror holds it, else the mirror's newest. */
export function mirroredVersion(pinned: string, mirrored: readonly string[]): string | undefined {
  if (mirrored.includes(pinned)) return pinned;
  return [...mirrored].sort(compareVersions).at(-1);
}

/** Blocks Terraform accepts only in a root module: such a stack is validated as its own root. */
export const ROOT_ONLY = ['import', 'variable', 'removed', 'ephemeral'] as const;

export function planStack(name: string, json: StackJson, mirror: Pick<Mirror, 'path' | 'providers'>): StackPlan {
  const required = (json.terraform?.required_providers ?? {}) as Record<string, RequiredProvider>;
  const providers: ProviderUse[] = [];
  for (const [local, spec] of Object.entries(required).sort(([a], [b]) => a.localeCompare(b))) {
    const source = providerAddress(spec.source ?? local);
    const pinned = spec.version ?? '';
    const used = mirroredVersion(pinned, mirror.providers.get(source) ?? []);
    if (used === undefined) return { name, skipped: `provider ${source} ${pinned} is not in the mirror ${mirror.path}` };
    providers.push({ local, source, pinned, used });
  }
  const terraform = Object.fromEntries(Object.entries(json.terraform ?? {}).filter(([key]) => key !== 'backend' && key !== 'cloud'));
  const rewritten = Object.fromEntries(providers.map((p) => [p.local, { ...required[p.local], version: p.used }]));
  const copy: StackJson = { ...json, terraform: { ...terraform, required_providers: rewritten } };
  const rootOnly = ROOT_ONLY.filter((block) => block in json);
  return rootOnly.length > 0
    ? { name, json: copy, providers, ownRoot: `it has ${rootOnly.join(', ')} blocks, which only a root module may hold` }
    : { name, json: copy, providers };
}
