import { ARGOCD_NAMESPACE } from '../argocd/argo-cd-component.js';
import { SYNC_WAVES } from '../argocd/sync-waves.js';
import type { PlatformComponent } from '../platform-components.js';

/** The CI roles' RBAC (ci-access.k8s.yaml): after the team namespaces its bindings land in. */
export const CI_ACCESS_COMPONENTS: PlatformComponent[] = [
  { name: 'ci-access', namespace: ARGOCD_NAMESPACE, syncWave: SYNC_WAVES.namespaces + 2, manifests: ['ci-access.k8s.yaml'] },
];
