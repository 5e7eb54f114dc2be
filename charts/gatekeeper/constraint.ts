import type { AdmissionRuleId } from '../../policies/admission-rules.js';
import type { ClusterContext } from '../cluster-context.js';
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

/** Each rule's parameters in one cluster, from config and the cluster's facts. */
export function constraintParameters(rule: AdmissionRuleId, ctx: ClusterContext): Record<string, unknown> | undefined {
  switch (rule) {
    case 'required-labels':
      return { labels: ctx.config.tagTaxonomy.map((t) => t.label).sort() };
    case 'allowed-registries':
      return { registries: [ctx.facts.ecrRegistry] };
    case 'read-only-root-filesystem':
      return { exemptInitContainers: meshInitExemptions(ctx) };
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
export function constraint(rule: AdmissionRule, ctx: ClusterContext, options: ConstraintOptions = {}) {
  const parameters = constraintParameters(rule.id, ctx);
  return {
    apiVersion: 'constraints.gatekeeper.sh/v1beta1',
    kind: rule.kind,
    metadata: { name: rule.id, ...(options.annotations ? { annotations: options.annotations } : {}) },
    spec: {
      enforcementAction: options.enforcementAction ?? enforcementAction(ctx.target.env.tier),
      match: { kinds: MATCHED_KINDS, excludedNamespaces: [...SYSTEM_NAMESPACES] },
      ...(parameters ? { parameters } : {}),
    },
  };
}
