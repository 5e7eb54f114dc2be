import type { ConfigProblem } from '../errors.js';
import { awsEngineOf, unknownEngineVersion, unknownInstanceClass, unknownInstanceType } from '../reference/catalog.js';
import type { Invariant } from './invariant.js';

const sortedEntries = <T>(record: Record<string, T>) => Object.entries(record).sort(([a], [b]) => a.localeCompare(b));

/** Instance types, DB classes and engine versions exist (config/reference/catalog.ts), so a typo fails at synth, not at apply. */
export const CATALOG_INVARIANTS: Invariant[] = [
  {
    id: 'instance-types-exist',
    check: (c) =>
      sortedEntries(c.environments).flatMap(([name, env]) =>
        (['system', 'workload'] as const).flatMap((pool) =>
          env.eks.nodePools[pool].instanceTypes.flatMap((type, i): ConfigProblem[] => {
            const problem = unknownInstanceType(type);
            return problem ? [{ path: ['environments', name, 'eks', 'nodePools', pool, 'instanceTypes', i], message: problem }] : [];
          }),
        ),
      ),
  },
  {
    id: 'database-class-and-version-exist',
    check: (c) =>
      sortedEntries(c.data).flatMap(([name, data]): ConfigProblem[] => {
        const engine = awsEngineOf(data.database.engine);
        const path = ['data', name, 'database'];
        const cls = unknownInstanceClass(data.database.instanceClass, engine);
        const version = unknownEngineVersion(data.database.engineVersion, engine);
        return [
          ...(cls ? [{ path: [...path, 'instanceClass'], message: cls }] : []),
          ...(version ? [{ path: [...path, 'engineVersion'], message: version }] : []),
        ];
      }),
  },
];
