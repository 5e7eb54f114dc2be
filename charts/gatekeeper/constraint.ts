import type { ClusterView } from '../../config/derive/cluster-view.js';
import type { Environment } from '../../config/schema/environment.js';
import type { AdmissionRuleId } from '../../policies/admission-rules.js';
import type { AdmissionRule } from './constraint-template.js';
import { enforcementAction, type EnforcementAction } from './enforcement.js';
import { SYSTEM_NAMESPACES } from './exempt-namespaces.js';
import { meshInitExemptions } from './mesh-exemptions.js';

/** Pods, and the workloads that template them: a bad Deployment is refused at apply time. */
export const MATCHED_KINDS = [
  { apiGroups: [''], kinds: ['Pod'] },
  { apiGroups: ['apps'], kinds: ['DaemonSet', 'Deployment', 'ReplicaSet', 'StatefulSet'] },
  { apiGroups: ['batch'], kinds: ['CronJob', 'Job'] },
];

/** What one cluster's constraints are parameterized with. */
export interface ConstraintInputs {
  /** Enforcement follows the environment's tier (enforcement.ts). */
  readonly tier: Environment['tier'];
  /** Label keys every workload must carry: the tag taxonomy's labels. */
  readonly requiredLabels: readonly string[];
  /** The only registry the cluster pulls from (ClusterFacts.ecrRegistry). */
  readonly ecrRegistry: string;
}

/** A cluster's constraint inputs, from its view. */
export function constraintInputs(view: ClusterView): ConstraintInputs {
  return { tier: view.tier, requiredLabels: view.tagTaxonomy.map((t) => t.label), ecrRegistry: view.facts.ecrRegistry };
}

/** Each rule's parameters in one cluster. */
export function constraintParameters(rule: AdmissionRuleId, inputs: ConstraintInputs): Record<string, unknown> | undefined {
  switch (rule) {
    case 'required-labels':
      return { labels: [...inputs.requiredLabels].sort() };
    case 'allowed-registries':
      return { registries: [inputs.ecrRegistry] };
    case 'read-only-root-filesystem':
      return { exemptInitContainers: meshInitExemptions(inputs.ecrRegistry) };
    default:
      return undefined;
  }
}

export interface ConstraintOptions {
  /** Overrides the environment tier's enforcement (the CI suites verify what production denies). @default by tier */
  readonly enforcementAction?: EnforcementAction;
  readonly annotations?: Record<string, string>;
}

/** A rule's constraint for one cluster: enforcement by tier, system namespaces exempt. */
export function constraint(rule: AdmissionRule, inputs: ConstraintInputs, options: ConstraintOptions = {}) {
  const parameters = constraintParameters(rule.id, inputs);
  return {
    apiVersion: 'constraints.gatekeeper.sh/v1beta1',
    kind: rule.kind,
    metadata: { name: rule.id, ...(options.annotations ? { annotations: options.annotations } : {}) },
    spec: {
      enforcementAction: options.enforcementAction ?? enforcementAction(inputs.tier),
      match: { kinds: MATCHED_KINDS, excludedNamespaces: [...SYSTEM_NAMESPACES] },
      ...(parameters ? { parameters } : {}),
    },
  };
}
