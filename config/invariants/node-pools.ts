import { isGraviton } from '../derive/instance-types.js';
import type { Invariant } from './invariant.js';
import { sortedEnvironments } from './sorted.js';

/** The EKS node pools of every environment: sizes in order, one architecture, enough spot diversity. */
export const NODE_POOL_INVARIANTS: Invariant[] = [
  {
    id: 'node-pool-sizes',
    check: (c) =>
      sortedEnvironments(c).flatMap(([name, env]) =>
        (['system', 'workload'] as const).flatMap((pool) => {
          const p = env.eks.nodePools[pool];
          const path = ['environments', name, 'eks', 'nodePools', pool];
          if (p.minSize > p.maxSize)
            return [
              { path: [...path, 'minSize'], message: `minSize ${p.minSize} exceeds maxSize ${p.maxSize}; lower minSize or raise maxSize` },
            ];
          if (p.desiredSize < p.minSize || p.desiredSize > p.maxSize)
            return [{ path: [...path, 'desiredSize'], message: `desiredSize ${p.desiredSize} is outside [${p.minSize}, ${p.maxSize}]` }];
          return [];
        }),
      ),
  },
  {
    id: 'node-pool-instance-types',
    check: (c) =>
      sortedEnvironments(c).flatMap(([name, env]) =>
        (['system', 'workload'] as const).flatMap((pool) => {
          const p = env.eks.nodePools[pool];
          const path = ['environments', name, 'eks', 'nodePools', pool, 'instanceTypes'];
          const arm = p.instanceTypes.map(isGraviton);
          if (arm.some((a) => a !== arm[0]))
            return [
              { path, message: 'mixes Graviton (arm64) and x86 types; a node group runs one architecture, so split them into two pools' },
            ];
          if (p.capacityType === 'SPOT' && new Set(p.instanceTypes).size < 4)
            return [
              {
                path,
                message:
                  'a spot pool needs at least 4 distinct instance types to survive capacity reclaims; add more types of similar size',
              },
            ];
          return [];
        }),
      ),
  },
];
