import type { K8sObject } from './manifests.js';

/** An API version the Kubernetes project removed, for some kinds or all of them. */
export interface RemovedApi {
  readonly apiVersion: string;
  /** The kinds removed; undefined means every kind of that group version. */
  readonly kinds?: readonly string[];
  /** First Kubernetes minor release that no longer serves it. */
  readonly removedIn: string;
}

/** From the Kubernetes deprecated API migration guide (v1.16 to v1.32). */
export const REMOVED_APIS: readonly RemovedApi[] = [
  {
    apiVersion: 'extensions/v1beta1',
    kinds: ['DaemonSet', 'Deployment', 'ReplicaSet', 'NetworkPolicy', 'PodSecurityPolicy'],
    removedIn: '1.16',
  },
  { apiVersion: 'apps/v1beta1', removedIn: '1.16' },
  { apiVersion: 'apps/v1beta2', removedIn: '1.16' },
  { apiVersion: 'extensions/v1beta1', kinds: ['Ingress'], removedIn: '1.22' },
  { apiVersion: 'networking.k8s.io/v1beta1', kinds: ['Ingress', 'IngressClass'], removedIn: '1.22' },
  {
    apiVersion: 'admissionregistration.k8s.io/v1beta1',
    kinds: ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'],
    removedIn: '1.22',
  },
  { apiVersion: 'apiextensions.k8s.io/v1beta1', removedIn: '1.22' },
  { apiVersion: 'apiregistration.k8s.io/v1beta1', removedIn: '1.22' },
  { apiVersion: 'authentication.k8s.io/v1beta1', kinds: ['TokenReview'], removedIn: '1.22' },
  { apiVersion: 'authorization.k8s.io/v1beta1', removedIn: '1.22' },
  { apiVersion: 'certificates.k8s.io/v1beta1', removedIn: '1.22' },
  { apiVersion: 'coordination.k8s.io/v1beta1', removedIn: '1.22' },
  { apiVersion: 'rbac.authorization.k8s.io/v1beta1', removedIn: '1.22' },
  { apiVersion: 'scheduling.k8s.io/v1beta1', removedIn: '1.22' },
  { apiVersion: 'storage.k8s.io/v1beta1', kinds: ['CSIDriver', 'CSINode', 'StorageClass', 'VolumeAttachment'], removedIn: '1.22' },
  { apiVersion: 'batch/v1beta1', kinds: ['CronJob'], removedIn: '1.25' },
  { apiVersion: 'discovery.k8s.io/v1beta1', kinds: ['EndpointSlice'], removedIn: '1.25' },
  { apiVersion: 'events.k8s.io/v1beta1', kinds: ['Event'], removedIn: '1.25' },
  { apiVersion: 'autoscaling/v2beta1', kinds: ['HorizontalPodAutoscaler'], removedIn: '1.25' },
  { apiVersion: 'policy/v1beta1', kinds: ['PodDisruptionBudget', 'PodSecurityPolicy'], removedIn: '1.25' },
  { apiVersion: 'node.k8s.io/v1beta1', kinds: ['RuntimeClass'], removedIn: '1.25' },
  { apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta1', removedIn: '1.26' },
  { apiVersion: 'autoscaling/v2beta2', kinds: ['HorizontalPodAutoscaler'], removedIn: '1.26' },
  { apiVersion: 'storage.k8s.io/v1beta1', kinds: ['CSIStorageCapacity'], removedIn: '1.27' },
  { apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta2', removedIn: '1.29' },
  { apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta3', removedIn: '1.32' },
];

function minor(version: string): number {
  const match = /^1\.(\d+)$/.exec(version);
  if (!match) throw new Error(`'${version}' is not a Kubernetes minor version such as 1.33`);
  return Number(match[1]);
}

/** Why `object` cannot be applied to a cluster running `kubernetesVersion`, if it cannot. */
export function removedApi(object: Pick<K8sObject, 'apiVersion' | 'kind'>, kubernetesVersion: string): string | undefined {
  const hit = REMOVED_APIS.find(
    (r) =>
      r.apiVersion === object.apiVersion && (!r.kinds || r.kinds.includes(object.kind)) && minor(kubernetesVersion) >= minor(r.removedIn),
  );
  return hit
    ? `${object.apiVersion} ${object.kind} was removed in Kubernetes ${hit.removedIn} (cluster runs ${kubernetesVersion})`
    : undefined;
}
