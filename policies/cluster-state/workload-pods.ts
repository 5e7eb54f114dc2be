import type { StateObject } from './types.js';
import { type Json, obj } from '../json.js';

/** A pod template in the state, with the object that carries it. */
export interface StatePodTemplate {
  readonly object: StateObject;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  readonly spec: Json;
}

/** Kinds whose `spec.template` (or CronJob's `spec.jobTemplate.spec.template`) is a pod template. */
const TEMPLATE_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'Rollout']);

/** The pod template of a workload (CronJobs and Argo Rollouts included), or undefined for other kinds. */
export function podTemplateOf(o: StateObject): StatePodTemplate | undefined {
  const spec = obj(o.body.spec);
  let template: Json | undefined;
  if (o.kind === 'Pod') template = { metadata: o.body.metadata, spec };
  else if (o.kind === 'CronJob') template = obj(obj(obj(spec.jobTemplate).spec).template);
  else if (TEMPLATE_KINDS.has(o.kind)) template = obj(spec.template);
  if (!template) return undefined;
  const metadata = obj(template.metadata);
  return {
    object: o,
    labels: obj(metadata.labels) as Record<string, string>,
    annotations: obj(metadata.annotations) as Record<string, string>,
    spec: obj(template.spec),
  };
}

/** Every pod template of a cluster state. */
export function podTemplates(objects: readonly StateObject[]): StatePodTemplate[] {
  return objects.flatMap((o) => podTemplateOf(o) ?? []);
}

/** The images of a pod template's containers (init containers included). */
export function imagesOf(t: StatePodTemplate): string[] {
  const containers = [...((t.spec.initContainers as Json[] | undefined) ?? []), ...((t.spec.containers as Json[] | undefined) ?? [])];
  return containers.map((c) => String(c.image ?? ''));
}

/** Whether a label selector's `matchLabels` (or a plain label map) all appear in `labels`. */
export function selects(selector: Readonly<Record<string, unknown>>, labels: Readonly<Record<string, string>>): boolean {
  const entries = Object.entries(selector);
  return entries.length > 0 && entries.every(([k, v]) => labels[k] === v);
}

/** The pod templates of Jobs that AnalysisTemplates start (load tests): they run in the template's namespace. */
export function analysisJobTemplates(objects: readonly StateObject[]): StatePodTemplate[] {
  return objects
    .filter((o) => o.kind === 'AnalysisTemplate' || o.kind === 'ClusterAnalysisTemplate')
    .flatMap((o) =>
      ((obj(o.body.spec).metrics as Json[] | undefined) ?? []).flatMap((metric) => {
        const spec = obj(obj(obj(metric.provider).job).spec);
        if (!spec.template) return [];
        const pod = obj(spec.template);
        const metadata = obj(pod.metadata);
        return [
          {
            object: o,
            labels: obj(metadata.labels) as Record<string, string>,
            annotations: obj(metadata.annotations) as Record<string, string>,
            spec: obj(pod.spec),
          },
        ];
      }),
    );
}
