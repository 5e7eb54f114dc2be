import { destinationsAllowedByProject } from '../cluster-state/destinations-allowed-by-project.js';
import { imagesPinnedFromClusterEcr } from '../cluster-state/images-pinned-from-cluster-ecr.js';
import { podsAdmittedByConstraints } from '../cluster-state/pods-admitted-by-constraints.js';
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
    {
      rule: imagesPinnedFromClusterEcr,
      severity: 'error',
      title: "Every image is a valid reference from the cluster's ECR, pinned",
      rationale:
        'An invalid reference never pulls (no pod of that workload starts); an image outside the cluster ECR is refused by the allowed-registries constraint or pulls unscanned from the internet; :latest or no tag moves under a reschedule.',
      remediation:
        "set the chart's image values so the reference reads <ecrRegistry>/<pull-through prefix>/<upstream repository>:<version> (registry and repository joined by the chart: render and look), or @sha256:<digest>",
    },
    {
      rule: podsAdmittedByConstraints,
      severity: 'error',
      title: 'Every pod (mesh sidecars included) passes the Gatekeeper constraints of its namespace',
      rationale:
        'A deny constraint refuses the object at admission: the Deployment never applies, or its ReplicaSet never creates a pod, and the component never runs. Pods are judged as the mesh injects them (istio-init, istio-proxy).',
      remediation:
        "fix the chart values (labels: podLabels/commonLabels; resources; securityContext at the keys the chart's templates read), or, for a deliberate exception, a narrow constraint parameter in charts/gatekeeper with its Rego twin",
    },
  ],
};
