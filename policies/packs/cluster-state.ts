import { destinationsAllowedByProject } from '../cluster-state/destinations-allowed-by-project.js';
import { claimsHaveStorageClass } from '../cluster-state/claims-have-storage-class.js';
import { ingressControllersInstalled } from '../cluster-state/ingress-controllers-installed.js';
import { quotasHoldRollouts } from '../cluster-state/quotas-hold-rollouts.js';
import { networkPoliciesEnforced } from '../cluster-state/network-policies-enforced.js';
import { workloadEgressAllowed } from '../cluster-state/workload-egress-allowed.js';
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
      rule: claimsHaveStorageClass,
      severity: 'error',
      title: 'Every volume claim names a StorageClass the cluster has',
      rationale: 'A claim whose class is missing (or, unset, with no default class) stays Pending: the pod never starts and the Argo CD wave holding it never completes. EKS marks no class default in clusters created on 1.30 or later.',
      remediation: 'name an existing class, or add the StorageClass to charts/storage (the default class is gp3) at a wave before its consumers',
    },
    {
      rule: ingressControllersInstalled,
      severity: 'error',
      title: 'Every load balancer, Ingress and Gateway has its controller installed',
      rationale: 'Without the controller its annotations, class or selector require, a LoadBalancer Service, Ingress or Gateway never gets an address: no DNS record, no health check that can pass, no traffic.',
      remediation: 'install the controller as a platform component, or change the object to what an installed controller serves (a NodePort behind a Terraform-owned load balancer, an Istio Gateway selecting the gateway pods)',
    },
    {
      rule: quotasHoldRollouts,
      severity: 'error',
      title: "Each namespace's ResourceQuota holds the worst moment of a blue-green rollout",
      rationale: 'During a promotion both ReplicaSets run at up to the HPA maximum beside the load-test Job; a quota smaller than that refuses the preview pods or the Job at admission, and the Rollout aborts at its progress deadline.',
      remediation: "raise the team's quota (teams[].quota; charts/team-quota.ts raises it to the services' worst case), or lower the service's autoscaling.maxReplicas or resources",
    },
    {
      rule: networkPoliciesEnforced,
      severity: 'error',
      title: "The cluster's CNI enforces its NetworkPolicies",
      rationale: 'The VPC CNI ignores NetworkPolicies unless its add-on configuration enables the network-policy agent: default-deny and every allow would exist on paper only.',
      remediation: "set enableNetworkPolicy \"true\" in the vpc-cni add-on's configuration (constructs/aws/eks-cluster.ts ADDON_CONFIGURATION)",
    },
    {
      rule: workloadEgressAllowed,
      severity: 'error',
      title: 'Every workload under egress policies can reach what it needs',
      rationale: 'Under default-deny egress a pod without an allow for DNS, istiod, its OTLP collector or its database hangs at start (no DNS, no mesh certificate) or fails every query, while every manifest looks valid.',
      remediation: 'add the allow to charts/network-policies (DNS, istiod, telemetry for every pod; the database port to the isolated subnets for stateful services)',
    },
  ],
};
