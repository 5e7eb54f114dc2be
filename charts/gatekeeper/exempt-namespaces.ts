/**
 * Namespaces of the platform's own operators. Admission constraints skip them:
 * their upstream charts need host access (Falco, Chaos Mesh daemons) or pull
 * from upstream registries, and a constraint that blocks its own operator
 * (Gatekeeper) or the GitOps controller (Argo CD) would lock the cluster.
 */
export const SYSTEM_NAMESPACES = [
  'argocd',
  'chaos-mesh',
  'cert-manager',
  'external-dns',
  'external-secrets',
  'falco',
  'gatekeeper-system',
  'istio-ingress',
  'istio-system',
  'karpenter',
  'kube-node-lease',
  'kube-public',
  'kube-system',
  'monitoring',
  'velero',
] as const;
