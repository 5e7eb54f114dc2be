import type { OutputRule } from '../types.js';
import { prerequisiteNeeds } from './needs.js';

/** Every declaration of config.prerequisites covers something a stack (or cluster) of its environment names and no stack creates. */
export const prerequisiteDeclarationsUsed: OutputRule = {
  id: 'prerequisite-declarations-used',
  types: ['*'],
  check: (index, { config }) => {
    const { needs } = prerequisiteNeeds(index, config);
    return Object.keys(config.prerequisites)
      .sort()
      .flatMap((envName) =>
        (config.prerequisites[envName] ?? []).flatMap((p, i) =>
          needs.some((n) => n.envName === envName && n.declaration === i)
            ? []
            : [
                {
                  where: `prerequisites.${envName}[${i}]`,
                  detail: `${p.kind} '${p.match}' is referenced by no stack of ${envName} (or a stack creates it)`,
                },
              ],
        ),
      );
  },
};
