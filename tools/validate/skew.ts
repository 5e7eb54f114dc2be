/**
 * Version skew versus real errors. The mirror may hold an older provider than
 * the stacks pin; a diagnostic is skew only when all of these hold:
 *  - it says the mirrored provider does not know an argument, block, resource
 *    type or data source (Terraform's own wording, below);
 *  - the stack was validated with a different version than it pins;
 *  - the pinned version's bindings (generated from that exact version) declare
 *    that name at that place.
 * Anything else, including a misspelt argument, is a failure.
 */
import type { StackDiagnostic } from './diagnostics.js';
import type { ConfigKind, ProviderKnowledge } from './provider-knowledge.js';
import type { ProviderUse } from './stack-plan.js';

export type Verdict =
  | { readonly kind: 'warning' }
  | { readonly kind: 'failure' }
  | {
      readonly kind: 'skew';
      /** `aws_eks_cluster.deletion_protection`, `resource type aws_x`: what the older provider lacks. */
      readonly what: string;
      readonly pinned: string;
      readonly used: string;
      readonly evidence: string;
      /** Key path to drop before validating again, so the rest of the block gets the provider's own checks. */
      readonly strip?: readonly string[];
    };

export interface SkewContext {
  /** Providers the stack uses (pinned and mirrored version). */
  readonly providers: readonly ProviderUse[];
  /** Knowledge of the pinned provider, by source address. */
  readonly knowledge: (source: string) => ProviderKnowledge | undefined;
}

const UNKNOWN_ARGUMENT = [
  /^No argument or block type is named "([^"]+)"\./, // JSON configuration
  /^An argument named "([^"]+)" is not expected here\./, // HCL
  /^Blocks of type "([^"]+)" are not expected here\./, // HCL
];
const UNKNOWN_TYPE: Record<string, { kind: ConfigKind; pattern: RegExp }> = {
  'Invalid resource type': { kind: 'resource', pattern: /does not support resource type "([^"]+)"/ },
  'Invalid data source': { kind: 'data', pattern: /does not support data source "([^"]+)"/ },
};

const isIndex = (segment: string) => /^\d+$/.test(segment);

/** The provider a resource type or provider block belongs to: `aws_eks_cluster` → the one named `aws`. */
function providerOf(kind: ConfigKind, type: string, providers: readonly ProviderUse[]): ProviderUse | undefined {
  return providers.find((p) => (kind === 'provider' ? p.local === type : type.startsWith(`${p.local}_`)));
}

export function classify(d: StackDiagnostic, { providers, knowledge }: SkewContext): Verdict {
  if (d.severity === 'warning') return { kind: 'warning' };
  const failure = { kind: 'failure' } as const;
  const [block, type, ...rest] = d.path;
  const kind: ConfigKind | undefined = block === 'resource' || block === 'data' || block === 'provider' ? block : undefined;

  const argument = UNKNOWN_ARGUMENT.map((p) => p.exec(d.detail)?.[1]).find((name) => name !== undefined);
  if (argument !== undefined) {
    // resource/<type>/<name>/<blocks...>/<argument>; provider/<local>/<index>/<blocks...>/<argument>
    if (!kind || !type || d.path.at(-1) !== argument || rest.length < 2) return failure;
    const use = providerOf(kind, type, providers);
    const known = use && use.used !== use.pinned ? knowledge(use.source) : undefined;
    const blocks = rest.slice(1, -1).filter((s) => !isIndex(s));
    if (!use || !known || known.version !== use.pinned || !known.knowsArgument(kind, type, blocks, argument)) return failure;
    const what = [kind === 'data' ? `data.${type}` : type, ...blocks, argument].join('.');
    return { kind: 'skew', what, pinned: use.pinned, used: use.used, evidence: known.evidence, strip: d.path };
  }

  const unknownType = UNKNOWN_TYPE[d.summary];
  const named = unknownType?.pattern.exec(d.detail)?.[1];
  if (unknownType && named) {
    const use = providerOf(unknownType.kind, named, providers);
    const known = use && use.used !== use.pinned ? knowledge(use.source) : undefined;
    if (!use || !known || known.version !== use.pinned || !known.knowsType(unknownType.kind, named)) return failure;
    // The whole block stays: dropping it would turn every reference to it into an error.
    const what = `${unknownType.kind === 'data' ? 'data source' : 'resource type'} ${named}`;
    return { kind: 'skew', what, pinned: use.pinned, used: use.used, evidence: known.evidence };
  }
  return failure;
}
