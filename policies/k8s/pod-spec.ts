import type { K8sObject } from '../types.js';

export type Json = Record<string, unknown>;

export const asObject = (value: unknown): Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {};

/** Kinds that carry a pod template at `spec.template` (Argo Rollouts too, unless it uses a workloadRef). */
const TEMPLATE_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'Rollout']);

/** Workloads that run until replaced: they need probes; Jobs and bare Pods run to completion. */
export const LONG_RUNNING_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Rollout']);

/** The pod template (metadata + spec) of a workload, or the Pod itself; undefined for other kinds. */
export function podTemplateOf(object: K8sObject): { metadata: Json; spec: Json } | undefined {
  const spec = asObject(object.body.spec);
  if (object.kind === 'Pod') return { metadata: asObject(object.body.metadata), spec };
  const template =
    object.kind === 'CronJob'
      ? asObject(asObject(asObject(spec.jobTemplate).spec).template)
      : TEMPLATE_KINDS.has(object.kind)
        ? asObject(spec.template)
        : undefined;
  if (!template || template.spec === undefined) return undefined;
  return { metadata: asObject(template.metadata), spec: asObject(template.spec) };
}

/** Kinds whose documents the Kubernetes rules read: everything with a pod spec, and what protects or scales it. */
export const POLICY_KINDS: ReadonlySet<string> = new Set([
  'Pod',
  'CronJob',
  ...TEMPLATE_KINDS,
  'PodDisruptionBudget',
  'HorizontalPodAutoscaler',
]);

export interface Container {
  readonly name: string;
  readonly field: 'containers' | 'initContainers' | 'ephemeralContainers';
  readonly body: Json;
}

/**
 * The containers of a pod spec; `initContainers` and `ephemeralContainers` are
 * included on request (ephemeral debug containers cannot declare resources or probes).
 */
export function containersOf(spec: Json, fields: readonly Container['field'][] = ['containers', 'initContainers']): Container[] {
  return fields.flatMap((field) =>
    (Array.isArray(spec[field]) ? (spec[field] as unknown[]) : []).map((c) => ({
      name: String(asObject(c).name),
      field,
      body: asObject(c),
    })),
  );
}

/** A field of a container's securityContext, falling back to the pod's where Kubernetes does. */
export function securityField(container: Container, podSpec: Json, key: string): unknown {
  const own = asObject(container.body.securityContext)[key];
  return own !== undefined ? own : asObject(podSpec.securityContext)[key];
}

export const containerSecurity = (container: Container): Json => asObject(container.body.securityContext);
