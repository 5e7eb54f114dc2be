import { asObject, type Json } from '../k8s/pod-spec.js';
import type { K8sObject } from '../types.js';
import type { Labels } from './label-selector.js';
import type { MeshInjector } from './mesh-injection.js';
import { stateWhere, type ClusterState, type StateObject } from './types.js';

/**
 * One object the API server admits because of a state object: the object as
 * Argo CD applies it, or what its controllers create from it (the ReplicaSet of
 * a Deployment or Rollout, the Job of a CronJob, and every Pod, after the
 * mesh's mutating webhook). Validating admission (Gatekeeper) sees these.
 */
export interface AdmittedObject {
  /** The state object it comes from. */
  readonly origin: StateObject;
  /** How it comes to exist: `applied`, or `<Kind> created by <controller>`. */
  readonly via: string;
  readonly object: K8sObject;
  /** Containers the mesh injected (Pods only). */
  readonly injected: readonly string[];
}

/** Kinds whose controllers create a ReplicaSet from `spec.template`. */
const REPLICA_SET_OWNERS = new Set(['Deployment', 'Rollout']);
/** Kinds whose controllers create Pods from `spec.template` directly. */
const POD_OWNERS = new Set(['StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job']);

const k8sObject = (origin: StateObject, apiVersion: string, kind: string, body: Json): K8sObject => ({
  file: stateWhere(origin),
  apiVersion,
  kind,
  namespace: origin.namespace,
  name: String(asObject(body.metadata).name ?? origin.name),
  body: { apiVersion, kind, ...body },
});

export interface AdmissionInputs {
  readonly mesh?: MeshInjector;
  readonly namespaceLabels: (namespace: string) => Labels;
}

/** Every object admitted for one state object (the object itself first; a bare Pod as the mesh mutates it). */
export function admittedFor(
  origin: StateObject,
  inputs: AdmissionInputs,
): (AdmittedObject | { readonly origin: StateObject; readonly error: string })[] {
  const spec = asObject(origin.body.spec);
  const barePod = origin.kind === 'Pod' && origin.apiVersion === 'v1';
  const out: (AdmittedObject | { origin: StateObject; error: string })[] = [];
  if (!barePod) out.push({ origin, via: 'applied', object: k8sObject(origin, origin.apiVersion, origin.kind, origin.body), injected: [] });

  const pod = (template: Json, controller: string) => {
    const metadata = { ...asObject(template.metadata), name: barePod ? origin.name : `${origin.name}-pod`, namespace: origin.namespace };
    const shape = { metadata, spec: asObject(template.spec) };
    const mutated = inputs.mesh
      ? inputs.mesh(shape, inputs.namespaceLabels(origin.namespace ?? ''), origin.namespace ?? '')
      : { ...shape, injected: [] };
    if ('error' in mutated) return out.push({ origin, error: mutated.error });
    out.push({
      origin,
      via: `Pod created by ${controller}`,
      object: k8sObject(origin, 'v1', 'Pod', { metadata: mutated.metadata, spec: mutated.spec }),
      injected: mutated.injected,
    });
  };

  if (REPLICA_SET_OWNERS.has(origin.kind) && spec.template) {
    const template = asObject(spec.template);
    const labels = asObject(asObject(template.metadata).labels);
    const replicaSet = {
      metadata: { name: `${origin.name}-rs`, namespace: origin.namespace, labels },
      spec: { selector: spec.selector, template },
    };
    out.push({
      origin,
      via: `ReplicaSet created by the ${origin.kind}`,
      object: k8sObject(origin, 'apps/v1', 'ReplicaSet', replicaSet),
      injected: [],
    });
    pod(template, `its ReplicaSet`);
  } else if (origin.kind === 'CronJob') {
    const jobTemplate = asObject(spec.jobTemplate);
    const job = {
      metadata: { ...asObject(jobTemplate.metadata), name: `${origin.name}-job`, namespace: origin.namespace },
      spec: asObject(jobTemplate.spec),
    };
    out.push({ origin, via: 'Job created by the CronJob', object: k8sObject(origin, 'batch/v1', 'Job', job), injected: [] });
    pod(asObject(asObject(jobTemplate.spec).template), 'its Job');
  } else if (POD_OWNERS.has(origin.kind) && spec.template) {
    pod(asObject(spec.template), `the ${origin.kind}`);
  } else if (barePod) {
    pod(origin.body, 'Argo CD (after the mesh webhook)');
  }
  return out;
}

/** Every object the cluster admits on its way to the converged state. */
export function admittedObjects(state: ClusterState, inputs: AdmissionInputs) {
  return state.objects.flatMap((o) => admittedFor(o, inputs));
}
