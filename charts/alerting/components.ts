import type { PlatformComponent } from '../platform-components.js';
import { SYNC_WAVES } from '../argocd/sync-waves.js';
import { MONITORING_NAMESPACE } from '../observability/namespaces.js';

/** Alertmanager routing and receiver secrets: ExternalSecrets need the ClusterSecretStore (config wave) first. */
export const ALERTING_COMPONENTS: PlatformComponent[] = [
  { name: 'alerting', namespace: MONITORING_NAMESPACE, syncWave: SYNC_WAVES.customResources, manifests: ['alerting.k8s.yaml'] },
];
