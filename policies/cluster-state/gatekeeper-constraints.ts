import { ADMISSION_RULES } from '../admission-rules.js';
import { asObject } from '../k8s/pod-spec.js';
import { kubernetesWorkloads } from '../packs/kubernetes-workloads.js';
import type { ExemptInitContainer, K8sContext, K8sObject, K8sRule } from '../types.js';
import { selects, type LabelSelector, type Labels } from './label-selector.js';
import type { ClusterState, StateObject } from './types.js';

/** What Gatekeeper does with a violation of a constraint. */
export type ConstraintAction = 'deny' | 'warn' | 'dryrun';

interface ConstraintMatch {
  readonly kinds?: readonly { apiGroups?: readonly string[]; kinds?: readonly string[] }[];
  readonly scope?: string;
  readonly namespaces?: readonly string[];
  readonly excludedNamespaces?: readonly string[];
  readonly labelSelector?: LabelSelector;
  readonly namespaceSelector?: LabelSelector;
  readonly name?: string;
}

/** A rendered Gatekeeper constraint of the state, with the TypeScript twin of its template. */
export interface StateConstraint {
  readonly object: StateObject;
  /** `<Kind>/<name>`, as `kubectl get constraints` lists it. */
  readonly id: string;
  readonly rule: K8sRule;
  readonly action: ConstraintAction;
  readonly match: ConstraintMatch;
  /** The twin's inputs, from the constraint's parameters (what the Rego reads). */
  readonly context: K8sContext;
}

const CONSTRAINTS_GROUP = 'constraints.gatekeeper.sh';

/** Gatekeeper's namespace patterns: exact, or a `*` prefix/suffix wildcard. */
const namespaceMatches = (pattern: string, namespace: string) =>
  pattern.endsWith('*')
    ? namespace.startsWith(pattern.slice(0, -1))
    : pattern.startsWith('*')
      ? namespace.endsWith(pattern.slice(1))
      : pattern === namespace;

const groupOf = (apiVersion: string) => (apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '');

/**
 * The state's Gatekeeper constraints, each with the TypeScript twin of the rule
 * its kind enforces (policies/admission-rules.ts), and the constraint objects
 * whose kind has no twin (they cannot be simulated).
 */
export function stateConstraints(state: ClusterState): { constraints: StateConstraint[]; unknown: StateObject[] } {
  const twins = new Map(kubernetesWorkloads.entries.map((e) => [e.rule.id, e.rule]));
  const constraints: StateConstraint[] = [];
  const unknown: StateObject[] = [];
  for (const o of state.objects.filter((x) => groupOf(x.apiVersion) === CONSTRAINTS_GROUP)) {
    const rule = twins.get(ADMISSION_RULES.find((r) => r.kind === o.kind)?.id ?? '');
    if (!rule) {
      unknown.push(o);
      continue;
    }
    const spec = asObject(o.body.spec);
    const parameters = asObject(spec.parameters);
    const action = (typeof spec.enforcementAction === 'string' ? spec.enforcementAction : 'deny') as ConstraintAction;
    constraints.push({
      object: o,
      id: `${o.kind}/${o.name}`,
      rule,
      action,
      match: asObject(spec.match) as ConstraintMatch,
      context: {
        allowedRegistries: (parameters.registries as string[] | undefined) ?? [],
        requiredLabels: ((parameters.labels as string[] | undefined) ?? []).map((label) => ({ label })),
        exemptInitContainers: (parameters.exemptInitContainers as ExemptInitContainer[] | undefined) ?? [],
        objects: [],
      },
    });
  }
  return { constraints, unknown };
}

/** Whether Gatekeeper reviews an object against a constraint (its `spec.match`). */
export function constraintApplies(constraint: StateConstraint, object: K8sObject, namespaceLabels: Labels): boolean {
  const m = constraint.match;
  const group = groupOf(object.apiVersion);
  if (
    m.kinds &&
    !m.kinds.some(
      (k) => (k.apiGroups ?? ['*']).some((g) => g === '*' || g === group) && (k.kinds ?? ['*']).some((x) => x === '*' || x === object.kind),
    )
  ) {
    return false;
  }
  const namespace = object.namespace;
  if (m.scope === 'Cluster' && namespace) return false;
  if (m.scope === 'Namespaced' && !namespace) return false;
  if (namespace !== undefined) {
    if (m.namespaces && !m.namespaces.some((p) => namespaceMatches(p, namespace))) return false;
    if ((m.excludedNamespaces ?? []).some((p) => namespaceMatches(p, namespace))) return false;
    if (m.namespaceSelector && !selects(m.namespaceSelector, namespaceLabels)) return false;
  }
  if (m.name && !namespaceMatches(m.name, object.name)) return false;
  return selects(m.labelSelector, asObject(asObject(object.body.metadata).labels) as Labels);
}
