import { cidrsOverlap, parseCidr } from '../derive/cidr.js';
import type { Invariant } from './invariant.js';
import { sortedEnvironments } from './sorted.js';

/** Where each environment runs: distinct regions, a second one for production, VPC blocks that do not overlap. */
export const REGION_INVARIANTS: Invariant[] = [
  {
    id: 'secondary-region-differs',
    check: (c) =>
      sortedEnvironments(c).flatMap(([name, env]) =>
        env.regions.secondary && env.regions.secondary.region === env.regions.primary.region
          ? [{ path: ['environments', name, 'regions', 'secondary', 'region'], message: `secondary region equals the primary (${env.regions.primary.region}); pick another region so that a regional outage spares it` }]
          : [],
      ),
  },
  {
    id: 'production-has-secondary',
    check: (c) =>
      sortedEnvironments(c).flatMap(([name, env]) =>
        env.tier === 'production' && !env.regions.secondary
          ? [{ path: ['environments', name, 'regions', 'secondary'], message: 'a production environment needs a secondary region for disaster recovery; add regions.secondary' }]
          : [],
      ),
  },
  {
    id: 'vpc-cidrs-disjoint',
    check: (c) => {
      const blocks = sortedEnvironments(c).flatMap(([name, env]) =>
        (['primary', 'secondary'] as const).flatMap((role) => {
          const spec = env.regions[role];
          const cidr = spec ? parseCidr(spec.vpcCidr) : undefined;
          return spec && cidr ? [{ where: `${name}/${spec.region}`, path: ['environments', name, 'regions', role, 'vpcCidr'], text: spec.vpcCidr, cidr }] : [];
        }),
      );
      return blocks.flatMap((a, i) =>
        blocks.slice(0, i).filter((b) => cidrsOverlap(a.cidr, b.cidr)).map((b) => ({
          path: a.path,
          message: `${a.text} (${a.where}) overlaps ${b.text} (${b.where}); give every VPC a disjoint block so regions can peer and fail over`,
        })),
      );
    },
  },
];
