import { TerraformResource, Token, type IAspect } from 'cdktf';
import type { IConstruct } from 'constructs';

export interface TagRule {
  readonly key: string;
  readonly allowedValues?: readonly string[];
}

/** A resource type whose Terraform schema has `tags` (the generated class exposes `tagsInput`). */
function ownTags(node: IConstruct): Record<string, string> | undefined {
  if (!TerraformResource.isTerraformResource(node) || !('tagsInput' in node)) return undefined;
  const tags = (node as { tagsInput?: unknown }).tagsInput;
  return tags && typeof tags === 'object' && !Token.isUnresolved(tags) ? (tags as Record<string, string>) : {};
}

/**
 * Fails synth when a taggable resource would lack a mandatory tag, or carry a
 * value the taxonomy forbids, once the provider's default_tags are merged in.
 * Violations surface as construct validation errors, all at once per stack.
 */
export class TaggingAspect implements IAspect {
  private readonly violations: string[] = [];

  constructor(
    private readonly rules: readonly TagRule[],
    private readonly defaultTags: Readonly<Record<string, string>>,
  ) {}

  visit(node: IConstruct): void {
    const own = ownTags(node);
    if (!own) return;
    const effective = { ...this.defaultTags, ...own };
    const resourceType = (node as TerraformResource).terraformResourceType;
    for (const rule of this.rules) {
      const value = effective[rule.key];
      if (value === undefined || value === '') {
        this.violations.push(
          `${resourceType} ${node.node.path}: missing mandatory tag '${rule.key}'; add it to the provider default_tags or the resource's tags`,
        );
      } else if (rule.allowedValues && !Token.isUnresolved(value) && !rule.allowedValues.includes(value)) {
        this.violations.push(
          `${resourceType} ${node.node.path}: tag ${rule.key}='${value}' is not one of ${rule.allowedValues.join(', ')}`,
        );
      }
    }
  }

  /** The violations found by the last aspect pass (read by the stack's validation). */
  validate(): string[] {
    return [...this.violations];
  }
}
