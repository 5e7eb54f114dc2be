import { allowedRegistries } from '../k8s/allowed-registries.js';
import { capabilitiesDropped } from '../k8s/capabilities-dropped.js';
import { disruptionBudgetForReplicas } from '../k8s/disruption-budget-for-replicas.js';
import { noDefaultSaToken } from '../k8s/no-default-sa-token.js';
import { noHostNamespaces } from '../k8s/no-host-namespaces.js';
import { noLatestTag } from '../k8s/no-latest-tag.js';
import { noPrivilegeEscalation } from '../k8s/no-privilege-escalation.js';
import { noPrivileged } from '../k8s/no-privileged.js';
import { probesConfigured } from '../k8s/probes-configured.js';
import { readOnlyRootFilesystem } from '../k8s/read-only-root-filesystem.js';
import { requestsAndLimits } from '../k8s/requests-and-limits.js';
import { requiredLabels } from '../k8s/required-labels.js';
import { runAsNonRoot } from '../k8s/run-as-non-root.js';
import { seccompRuntimeDefault } from '../k8s/seccomp-runtime-default.js';
import type { KubernetesPack } from '../types.js';

/** Pod guardrails (restricted Pod Security Standard and more) over every rendered workload. */
export const kubernetesWorkloads: KubernetesPack = {
  name: 'kubernetes-workloads',
  target: 'kubernetes',
  entries: [
    {
      rule: runAsNonRoot,
      severity: 'error',
      title: 'Containers run as non-root',
      rationale: 'Root in a container is root on the node after any container escape.',
      remediation: 'set securityContext.runAsNonRoot: true (pod or container) and a non-zero runAsUser',
    },
    {
      rule: readOnlyRootFilesystem,
      severity: 'error',
      title: 'Containers run with a read-only root filesystem',
      rationale: 'An attacker cannot drop tools or rewrite binaries; writable paths are explicit emptyDir volumes.',
      remediation: 'set securityContext.readOnlyRootFilesystem: true and mount emptyDir where the process writes',
    },
    {
      rule: noPrivilegeEscalation,
      severity: 'error',
      title: 'No privilege escalation',
      rationale: 'setuid binaries and file capabilities otherwise let a process become root.',
      remediation: 'set securityContext.allowPrivilegeEscalation: false on every container',
    },
    {
      rule: capabilitiesDropped,
      severity: 'error',
      title: 'All capabilities dropped',
      rationale: 'The runtime default set still includes NET_RAW and others that enable spoofing and escapes.',
      remediation: 'set securityContext.capabilities.drop: ["ALL"] and add back only what the process needs',
    },
    {
      rule: seccompRuntimeDefault,
      severity: 'error',
      title: 'Seccomp profile RuntimeDefault',
      rationale: 'The default profile blocks syscalls used by container escapes (unshare, keyctl, ...).',
      remediation: 'set securityContext.seccompProfile.type: RuntimeDefault on the pod',
    },
    {
      rule: requestsAndLimits,
      severity: 'error',
      title: 'Containers set CPU and memory requests and limits',
      rationale: 'Requests drive scheduling and quotas; limits stop a runaway process from starving its node.',
      remediation: 'set resources.requests and resources.limits for cpu and memory on every container',
    },
    {
      rule: probesConfigured,
      severity: 'warning',
      title: 'Long-running containers have readiness and liveness probes',
      rationale: 'Without probes, rollouts send traffic to pods that are not ready and never restart stuck ones.',
      remediation: 'add readinessProbe and livenessProbe to every container of Deployments, StatefulSets, DaemonSets and Rollouts',
    },
    {
      rule: allowedRegistries,
      severity: 'error',
      title: "Images come from the account's ECR",
      rationale: 'Only images scanned and cached in our registry run; upstream outages and tampered tags cannot reach the cluster.',
      remediation:
        'pull from clusterFacts().ecrRegistry, upstream images through its pull-through prefixes (docker-hub/, quay/, ghcr/, k8s/)',
    },
    {
      rule: noLatestTag,
      severity: 'error',
      title: 'Images are pinned to a tag or digest',
      rationale: ':latest (or no tag) makes a re-schedule pull an unreviewed image and breaks rollbacks.',
      remediation: 'pin a version tag or an @sha256: digest',
    },
    {
      rule: disruptionBudgetForReplicas,
      severity: 'warning',
      title: 'Multi-replica workloads have a PodDisruptionBudget',
      rationale: 'A node drain (upgrade, Karpenter consolidation) may otherwise evict every replica at once.',
      remediation: 'add a PodDisruptionBudget in the same namespace selecting the pod template labels (e.g. maxUnavailable: 1)',
    },
    {
      rule: noPrivileged,
      severity: 'error',
      title: 'No privileged containers',
      rationale: 'A privileged container is root on the node.',
      remediation: 'remove securityContext.privileged; grant a single capability if truly needed',
    },
    {
      rule: noHostNamespaces,
      severity: 'error',
      title: 'No host network, PID or IPC',
      rationale: "Sharing the node's namespaces escapes pod isolation and network policies.",
      remediation: 'remove hostNetwork, hostPID and hostIPC from the pod spec',
    },
    {
      rule: noDefaultSaToken,
      severity: 'error',
      title: 'No token of the default service account',
      rationale: 'The default account is shared by everything in the namespace, with whatever anyone granted it.',
      remediation: 'set serviceAccountName to a dedicated account, or automountServiceAccountToken: false',
    },
    {
      rule: requiredLabels,
      severity: 'error',
      title: 'Workloads carry the tag taxonomy as labels',
      rationale: 'Cost, ownership and data class must be readable off any running object.',
      remediation: 'label the workload and its pod template with resolveLabels(config, env, { Team, Service })',
    },
  ],
};
