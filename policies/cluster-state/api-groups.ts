/**
 * API groups a fresh EKS cluster serves before any Application syncs: the
 * Kubernetes built-ins, and the CRDs EKS installs itself (VPC CNI's ENIConfig
 * and network-policy endpoints, the VPC resource controller's security-group
 * policies). Any other group is a custom resource whose CRD some Application
 * must install.
 */
export const CLUSTER_PROVIDED_GROUPS: ReadonlySet<string> = new Set([
  '',
  'admissionregistration.k8s.io',
  'apiextensions.k8s.io',
  'apiregistration.k8s.io',
  'apps',
  'authentication.k8s.io',
  'authorization.k8s.io',
  'autoscaling',
  'batch',
  'certificates.k8s.io',
  'coordination.k8s.io',
  'discovery.k8s.io',
  'events.k8s.io',
  'flowcontrol.apiserver.k8s.io',
  'networking.k8s.io',
  'node.k8s.io',
  'policy',
  'rbac.authorization.k8s.io',
  'resource.k8s.io',
  'scheduling.k8s.io',
  'storage.k8s.io',
  // EKS-managed CRDs
  'crd.k8s.amazonaws.com',
  'networking.k8s.aws',
  'vpcresources.k8s.aws',
]);

/** The API group of an `apiVersion` (`''` for the core group). */
export const apiGroupOf = (apiVersion: string): string => (apiVersion.includes('/') ? (apiVersion.split('/')[0] ?? '') : '');
