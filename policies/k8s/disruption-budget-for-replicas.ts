import { verdictOf, type K8sObject, type K8sRule } from '../types.js';
import { asObject, podTemplateOf, type Json } from './pod-spec.js';

const REPLICATED_KINDS = new Set(['Deployment', 'StatefulSet', 'ReplicaSet', 'Rollout']);

/** Whether a label selector (matchLabels and matchExpressions) selects pods with these labels. */
export function selects(selector: Json, labels: Json): boolean {
  const matchLabels = Object.entries(asObject(selector.matchLabels)).every(([k, v]) => labels[k] === v);
  const expressions = (Array.isArray(selector.matchExpressions) ? selector.matchExpressions : []).map(asObject);
  return (
    matchLabels &&
    expressions.every((e) => {
      const values = Array.isArray(e.values) ? e.values.map(String) : [];
      const value = labels[String(e.key)];
      switch (e.operator) {
        case 'In':
          return value !== undefined && values.includes(String(value));
        case 'NotIn':
          return value === undefined || !values.includes(String(value));
        case 'Exists':
          return value !== undefined;
        case 'DoesNotExist':
          return value === undefined;
        default:
          return false;
      }
    })
  );
}

/** The steady-state replica floor: `spec.replicas`, raised by an HPA's minReplicas that targets the workload. */
function minReplicas(object: K8sObject, objects: readonly K8sObject[]): number {
  const hpaMin = objects
    .filter((o) => o.kind === 'HorizontalPodAutoscaler' && o.namespace === object.namespace)
    .map((o) => asObject(o.body.spec))
    .filter((spec) => asObject(spec.scaleTargetRef).kind === object.kind && asObject(spec.scaleTargetRef).name === object.name)
    .map((spec) => Number(spec.minReplicas ?? 1));
  return Math.max(Number(asObject(object.body.spec).replicas ?? 1), ...hpaMin);
}

/** A workload with more than one replica has a PodDisruptionBudget, so a node drain cannot take all of it down. */
export const disruptionBudgetForReplicas: K8sRule = {
  id: 'disruption-budget-for-replicas',
  check: (object, ctx) => {
    const pod = podTemplateOf(object);
    if (!pod || !REPLICATED_KINDS.has(object.kind)) return 'not-applicable';
    const replicas = minReplicas(object, ctx.objects);
    if (replicas < 2) return 'not-applicable';
    const labels = asObject(pod.metadata.labels);
    const covered = ctx.objects.some(
      (o) =>
        o.kind === 'PodDisruptionBudget' && o.namespace === object.namespace && selects(asObject(asObject(o.body.spec).selector), labels),
    );
    return verdictOf(covered ? [] : [`${replicas} replicas and no PodDisruptionBudget selects its pods`]);
  },
};
