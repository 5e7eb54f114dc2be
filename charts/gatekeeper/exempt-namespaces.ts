/**
 * Namespaces of the platform's own operators. Admission constraints skip them:
 * their upstream charts need host access (Falco, Chaos Mesh daemons) or pull
 * from upstream registries, and a constraint that blocks its own operator
 * (Gatekeeper) or the GitOps controller (Argo CD) would lock the cluster.
 * Only namespaces that exist: an exemption for a namespace nobody creates
 * would let whoever creates it later run anything.
 */
export const SYSTEM_NAMESPACES = [
  'argocd',
  'chaos-mesh',
  'external-secrets',
  'falco',
  'gatekeeper-system',
  'istio-ingress',
  'istio-system',
  'kube-node-lease',
  'kube-public',
  'kube-system',
  'monitoring',
  'velero',
] as const;
