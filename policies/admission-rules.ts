/**
 * Rules enforced both at synth (TypeScript guardrails over rendered manifests)
 * and at admission (Gatekeeper ConstraintTemplates in policies/rego/<id>/).
 * The id is shared by both twins: the parity test runs both on the same samples.
 */
export const ADMISSION_RULES = [
  { id: 'required-labels', kind: 'TsRequiredLabels', title: 'Workloads carry the tag taxonomy as labels' },
  { id: 'allowed-registries', kind: 'TsAllowedRegistries', title: "Images come from the account's ECR" },
  { id: 'no-privileged', kind: 'TsNoPrivileged', title: 'No privileged containers' },
  { id: 'no-host-namespaces', kind: 'TsNoHostNamespaces', title: 'No host network, PID or IPC' },
  { id: 'requests-and-limits', kind: 'TsRequestsAndLimits', title: 'Containers set CPU and memory requests and limits' },
  { id: 'no-latest-tag', kind: 'TsNoLatestTag', title: 'Images are pinned: no :latest, no missing tag' },
  { id: 'read-only-root-filesystem', kind: 'TsReadOnlyRootFilesystem', title: 'Containers run with a read-only root filesystem' },
  { id: 'no-default-sa-token', kind: 'TsNoDefaultSaToken', title: 'No automounted token of the default service account' },
] as const;

export type AdmissionRuleId = (typeof ADMISSION_RULES)[number]['id'];
