import { claimsHaveStorageClass } from '../cluster-state/claims-have-storage-class.js';
import { crdsInstalledBeforeCustomResources } from '../cluster-state/crds-installed-before-custom-resources.js';
import { destinationsAllowedByProject } from '../cluster-state/destinations-allowed-by-project.js';
import { externalSecretsConsumed } from '../cluster-state/external-secrets-consumed.js';
import { imagesPinnedFromClusterEcr } from '../cluster-state/images-pinned-from-cluster-ecr.js';
import { ingressControllersInstalled } from '../cluster-state/ingress-controllers-installed.js';
import { largeCrdsServerSideApplied } from '../cluster-state/large-crds-server-side-applied.js';
import { monitoringResourcesSelected } from '../cluster-state/monitoring-resources-selected.js';
import { networkPoliciesEnforced } from '../cluster-state/network-policies-enforced.js';
import { podIdentitiesBound } from '../cluster-state/pod-identities-bound.js';
import { podsAdmittedByConstraints } from '../cluster-state/pods-admitted-by-constraints.js';
import { quotasHoldRollouts } from '../cluster-state/quotas-hold-rollouts.js';
import { referencesCreatedFirst } from '../cluster-state/references-created-first.js';
import { runtimeRewritesIgnored } from '../cluster-state/runtime-rewrites-ignored.js';
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
      rationale:
        'Argo CD refuses the whole sync when one object lands in a namespace or is of a cluster-scoped kind its project does not permit.',
      remediation:
        "add the namespace to the component's registry entry (the project's destinations derive from it) or the kind to its clusterScopedKinds, or move the object",
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
    {
      rule: crdsInstalledBeforeCustomResources,
      severity: 'error',
      title: 'Every custom resource is applied after its CRD',
      rationale:
        "Argo CD's dry run rejects a kind the API server does not serve yet: the Application fails, and the root waits on it forever.",
      remediation:
        'install the CRD from an Application of an earlier sync wave (a CRD-only component at SYNC_WAVES.crds), or give the resource a later wave than the CRD in the same Application; in the same wave of another Application only SkipDryRunOnMissingResource=true lets retries converge',
    },
    {
      rule: referencesCreatedFirst,
      severity: 'error',
      title: 'Every Secret, ConfigMap and AlertmanagerConfig an object needs exists no later than the object',
      rationale:
        'A pod waits for a missing Secret and an operator does not reconcile: the Application stays unhealthy and the root never reaches the later wave that would create what it waits for.',
      remediation:
        'move whatever creates it (the Secret, its ExternalSecret, the AlertmanagerConfig) to an earlier sync wave than the referrer, or mark the reference optional if the workload copes without it',
    },
    {
      rule: largeCrdsServerSideApplied,
      severity: 'error',
      title: 'CRDs over the annotation limit are applied server-side',
      rationale:
        'Client-side apply stores the whole object in the last-applied-configuration annotation; over 256 KiB the API server rejects it and the Application never syncs.',
      remediation: 'set serverSideApply: true on the component that installs the CRD (or Replace=true for CRD-only components)',
    },
    {
      rule: monitoringResourcesSelected,
      severity: 'error',
      title: 'Every monitor, rule and AlertmanagerConfig is picked up by its operator instance',
      rationale:
        'A ServiceMonitor, PodMonitor, Probe, ScrapeConfig or PrometheusRule no Prometheus selects is never scraped or evaluated; an unselected AlertmanagerConfig routes nothing. Nothing reports it.',
      remediation:
        'give the resource the labels the Prometheus/Alertmanager selectors match (and its namespace the labels the namespace selectors match), or widen the selectors in prometheusStackValues',
    },
    {
      rule: externalSecretsConsumed,
      severity: 'error',
      title: "Every ExternalSecret's Secret is read by something",
      rationale:
        'A synced Secret nothing mounts or names is a credential copied into the cluster for nothing, and usually a workload that was never wired to it.',
      remediation:
        "mount it or read it into the workload's environment (envFrom, secretKeyRef), name it from the operator resource that needs it, or remove the ExternalSecret",
    },
    {
      rule: runtimeRewritesIgnored,
      severity: 'error',
      title: 'Fields rewritten at run time are ignored by Argo CD',
      rationale:
        'A webhook CA or failurePolicy that a controller rewrites keeps its Application OutOfSync forever, and self-heal fights the controller over it.',
      remediation:
        "add the fields to the component's ignoreDifferences (charts/argocd/ignore-differences.ts has the webhook and generated-secret entries); set respectIgnoreDifferences where git sets the field too, never where a hook re-creates the key pair",
    },
    {
      rule: claimsHaveStorageClass,
      severity: 'error',
      title: 'Every volume claim names a StorageClass the cluster has',
      rationale:
        'A claim whose class is missing (or, unset, with no default class) stays Pending: the pod never starts and the Argo CD wave holding it never completes. EKS marks no class default in clusters created on 1.30 or later.',
      remediation:
        'name an existing class, or add the StorageClass to charts/storage (the default class is gp3) at a wave before its consumers',
    },
    {
      rule: ingressControllersInstalled,
      severity: 'error',
      title: 'Every load balancer, Ingress and Gateway has its controller installed',
      rationale:
        'Without the controller its annotations, class or selector require, a LoadBalancer Service, Ingress or Gateway never gets an address: no DNS record, no health check that can pass, no traffic.',
      remediation:
        'install the controller as a platform component, or change the object to what an installed controller serves (a NodePort behind a Terraform-owned load balancer, an Istio Gateway selecting the gateway pods)',
    },
    {
      rule: quotasHoldRollouts,
      severity: 'error',
      title: "Each namespace's ResourceQuota holds the worst moment of a blue-green rollout",
      rationale:
        'During a promotion both ReplicaSets run at up to the HPA maximum beside the load-test Job; a quota smaller than that refuses the preview pods or the Job at admission, and the Rollout aborts at its progress deadline.',
      remediation:
        "raise the team's quota (teams[].quota; charts/team-quota.ts raises it to the services' worst case), or lower the service's autoscaling.maxReplicas or resources",
    },
    {
      rule: networkPoliciesEnforced,
      severity: 'error',
      title: "The cluster's CNI enforces its NetworkPolicies",
      rationale:
        'The VPC CNI ignores NetworkPolicies unless its add-on configuration enables the network-policy agent: default-deny and every allow would exist on paper only.',
      remediation:
        'set enableNetworkPolicy "true" in the vpc-cni add-on\'s configuration (constructs/aws/eks-cluster.ts ADDON_CONFIGURATION)',
    },
    {
      rule: workloadEgressAllowed,
      severity: 'error',
      title: 'Every workload under egress policies can reach what it needs',
      rationale:
        'Under default-deny egress a pod without an allow for DNS, istiod, its OTLP collector or its database hangs at start (no DNS, no mesh certificate) or fails every query, while every manifest looks valid.',
      remediation:
        'add the allow to charts/network-policies (DNS, istiod, telemetry for every pod; the database port to the isolated subnets for stateful services)',
    },
    {
      rule: podIdentitiesBound,
      severity: 'error',
      title: 'Every Pod Identity association binds a ServiceAccount the cluster creates',
      rationale:
        "A role's trust names the exact cluster, namespace and service account: an association to an account no chart creates leaves the controller without AWS credentials.",
      remediation:
        "give the chart's service account the name of the controller's PodIdentityFact (config/derive/facts.ts), or fix the fact",
    },
  ],
};
