import { edgeEnvironments, edgeFailover } from '../derive/edge.js';
import type { Invariant } from './invariant.js';

/** The protected edge: one for every production environment and only for those, failing reads over to one replica. */
export const SECURITY_INVARIANTS: Invariant[] = [
  {
    id: 'edge-for-every-production-environment',
    check: (c) => [
      ...edgeEnvironments(c)
        .filter((name) => !c.security.edge[name])
        .map((name) => ({
          path: ['security', 'edge', name],
          message: `production environment '${name}' has no protected edge; add security.edge.${name} (geo restrictions, rate limit)`,
        })),
      ...Object.keys(c.security.edge)
        .filter((name) => c.environments[name]?.tier !== 'production')
        .map((name) => ({
          path: ['security', 'edge', name],
          message: `'${name}' is not a production-tier environment; the edge fronts production only, remove security.edge.${name}`,
        })),
    ],
  },
  {
    id: 'edge-failover-region-is-a-replica',
    check: (c) =>
      Object.keys(c.security.edge)
        .sort()
        .flatMap((name) => edgeFailover(c, name).problem ?? []),
  },
];
