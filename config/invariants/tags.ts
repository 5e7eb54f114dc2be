import { resolveTags } from '../derive/tags.js';
import type { Invariant } from './invariant.js';
import { sortedEnvironments } from './sorted.js';

/** Every environment resolves a value for each taxonomy key, within the key's allowed values. */
export const TAG_INVARIANTS: Invariant[] = [
  {
    id: 'mandatory-tags-complete',
    check: (c) =>
      sortedEnvironments(c).flatMap(([name]) => {
        const tags = resolveTags(c, name);
        return c.tagTaxonomy.flatMap((def) => {
          const value = tags[def.key];
          if (value === undefined)
            return [
              {
                path: ['environments', name, 'extraTags', def.key],
                message: `mandatory tag '${def.key}' has no value; set it in extraTags`,
              },
            ];
          if (def.allowedValues && !def.allowedValues.includes(value)) {
            return [
              {
                path: ['environments', name, 'extraTags', def.key],
                message: `'${value}' is not allowed for tag ${def.key}; use one of ${def.allowedValues.join(', ')}`,
              },
            ];
          }
          return [];
        });
      }),
  },
];
