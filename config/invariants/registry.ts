import { replicaRegions } from '../derive/regions.js';
import { ECR_REPLICATION_RULE_DESTINATIONS } from '../reference/aws-limits.js';
import type { Invariant } from './invariant.js';
import { sortedEnvironments } from './sorted.js';

/** The registry replicates service images from the primary to every replica with one ECR rule. */
export const REGISTRY_INVARIANTS: Invariant[] = [
  {
    id: 'registry-replicas-fit-one-rule',
    check: (c) =>
      sortedEnvironments(c).flatMap(([name, env]) => {
        const replicas = replicaRegions(env);
        return replicas.length > ECR_REPLICATION_RULE_DESTINATIONS
          ? [
              {
                path: ['environments', name, 'regions', 'replicas'],
                message: `ECR replicates the service images of '${name}' to every replica region with one rule of at most ${ECR_REPLICATION_RULE_DESTINATIONS} destinations, and '${name}' has ${replicas.length} replicas; keep at most ${ECR_REPLICATION_RULE_DESTINATIONS}`,
              },
            ]
          : [];
      }),
  },
];
