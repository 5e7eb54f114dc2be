import type { PlatformConfig } from '../../config/schema/platform.js';
import { blocks, tagsOf } from '../terraform.js';
import { verdictOf, type AwsRule } from '../types.js';

/** Problems of one tag set against the taxonomy: missing keys and values outside allowedValues. */
function tagProblems(config: PlatformConfig, tags: Record<string, string>): string[] {
  return config.tagTaxonomy.flatMap((def) => {
    const value = tags[def.key];
    if (value === undefined || value === '') return [`missing tag ${def.key}`];
    if (def.allowedValues && !value.startsWith('$') && !def.allowedValues.includes(value)) {
      return [`tag ${def.key}=${value} is not one of ${def.allowedValues.join(', ')}`];
    }
    return [];
  });
}

/**
 * Every provider's default_tags carry the whole taxonomy; a resource's own tags
 * do not override them with a forbidden value; launch templates tag the
 * instances and volumes they start (default_tags do not reach those).
 */
export const mandatoryTagsPresent: AwsRule = {
  id: 'mandatory-tags-present',
  types: ['*'],
  check: (r, ctx) => {
    if (r.type.startsWith('data.')) return 'not-applicable';
    if (r.type === 'provider') {
      return r.name.startsWith('aws') ? verdictOf(tagProblems(ctx.config, ctx.defaultTags(r))) : 'not-applicable';
    }
    const defaults = ctx.defaultTags(r);
    const inherited = new Set(tagProblems(ctx.config, defaults));
    const problems =
      r.body.tags === undefined ? [] : tagProblems(ctx.config, { ...defaults, ...tagsOf(r.body.tags) }).filter((p) => !inherited.has(p));
    const specs = r.type === 'aws_launch_template' ? blocks(r.body.tag_specifications) : [];
    const specProblems = specs.flatMap((s) =>
      tagProblems(ctx.config, tagsOf(s.tags)).map((p) => `tag_specifications[${String(s.resource_type)}]: ${p}`),
    );
    if (r.body.tags === undefined && specs.length === 0) return 'not-applicable';
    return verdictOf([...problems, ...specProblems]);
  },
};
