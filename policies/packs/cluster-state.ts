import { destinationsAllowedByProject } from '../cluster-state/destinations-allowed-by-project.js';
import type { ClusterStatePack } from '../types.js';

/**
 * Rules over each cluster's converged state: our files and the upstream Helm
 * charts rendered as Argo CD renders them. What admission, the scheduler and
 * Argo CD's sync do with the whole set, not one object at a time.
 */
export const clusterState: ClusterStatePack = {
  name: 'cluster-state',
  target: 'cluster-state',
  entries: [
    {
      rule: destinationsAllowedByProject,
      severity: 'error',
      title: "Every object is allowed by its Application's AppProject",
      rationale: 'Argo CD refuses the whole sync when one object lands in a namespace or is of a cluster-scoped kind its project does not permit.',
      remediation: "add the namespace to the component's registry entry (the project's destinations derive from it) or the kind to its clusterScopedKinds, or move the object",
    },
  ],
};
