import { cidrsOverlap, parseCidr } from '../derive/cidr.js';
import { placedRegions } from '../derive/regions.js';
import type { ConfigProblem } from '../errors.js';
import type { Invariant } from './invariant.js';
import { sortedEnvironments } from './sorted.js';

/** Where each environment runs: distinct regions, a replica for production, VPC blocks that do not overlap. */
export const REGION_INVARIANTS: Invariant[] = [
  {
    id: 'replica-regions-distinct',
    check: (c) =>
      sortedEnvironments(c).flatMap(([name, env]) =>
        placedRegions(env).flatMap((placed, i, all): ConfigProblem[] => {
          const earlier = all.slice(0, i).find((other) => other.region === placed.region);
          if (!earlier) return [];
          const what = earlier.role === 'primary' ? `the primary (${placed.region})` : `another replica (${placed.region})`;
          return [
            {
              path: ['environments', name, ...placed.path, 'region'],
              message: `this replica region equals ${what}; pick another region so that a regional outage spares it`,
            },
          ];
        }),
      ),
  },
  {
    id: 'production-has-replica',
    check: (c) =>
      sortedEnvironments(c).flatMap(([name, env]) =>
        env.tier === 'production' && env.regions.replicas.length === 0
          ? [
              {
                path: ['environments', name, 'regions', 'replicas'],
                message: 'a production environment needs a replica region for disaster recovery; add one to regions.replicas',
              },
            ]
          : [],
      ),
  },
  {
    id: 'vpc-cidrs-disjoint',
    check: (c) => {
      const blocks = sortedEnvironments(c).flatMap(([name, env]) =>
        placedRegions(env).flatMap((placed) => {
          const cidr = parseCidr(placed.spec.vpcCidr);
          return cidr
            ? [
                {
                  where: `${name}/${placed.region}`,
                  path: ['environments', name, ...placed.path, 'vpcCidr'],
                  text: placed.spec.vpcCidr,
                  cidr,
                },
              ]
            : [];
        }),
      );
      return blocks.flatMap((a, i) =>
        blocks
          .slice(0, i)
          .filter((b) => cidrsOverlap(a.cidr, b.cidr))
          .map((b) => ({
            path: a.path,
            message: `${a.text} (${a.where}) overlaps ${b.text} (${b.where}); give every VPC a disjoint block so regions can peer and fail over`,
          })),
      );
    },
  },
];
