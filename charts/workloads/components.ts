import type { PlatformComponent } from '../platform-components.js';
import { SYNC_WAVES } from '../argocd/sync-waves.js';
import { ARGOCD_NAMESPACE } from '../argocd/argo-cd-component.js';

/**
 * The cluster baseline the services land in: team namespaces, then their
 * service accounts. Their files name every object's namespace, so the
 * destination namespace is only a formality (Argo CD's own).
 */
export const WORKLOAD_COMPONENTS: PlatformComponent[] = [
  { name: 'team-namespaces', namespace: ARGOCD_NAMESPACE, syncWave: SYNC_WAVES.namespaces, manifests: ['team-namespaces.k8s.yaml'], prune: false },
  { name: 'service-accounts', namespace: ARGOCD_NAMESPACE, syncWave: SYNC_WAVES.namespaces + 1, manifests: ['service-accounts.k8s.yaml'] },
];
