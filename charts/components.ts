import type { ClusterView } from '../config/derive/cluster-view.js';
import { ALERTING_COMPONENTS } from './alerting/components.js';
import { ARGOCD_COMPONENTS } from './argocd/argo-cd-component.js';
import { CHAOS_COMPONENTS } from './chaos/components.js';
import { CI_ACCESS_COMPONENTS } from './ci-access/component.js';
import { EXTERNAL_SECRETS_COMPONENTS } from './external-secrets/components.js';
import { FALCO_COMPONENTS } from './falco/components.js';
import { GATEKEEPER_COMPONENTS } from './gatekeeper/gatekeeper-component.js';
import { ISTIO_COMPONENTS } from './istio/components.js';
import { COST_COMPONENTS } from './karpenter/component.js';
import { NETWORK_POLICY_COMPONENTS } from './network-policies/components.js';
import { OBSERVABILITY_COMPONENTS } from './observability/components.js';
import type { PlatformComponent } from './platform-components.js';
import { ROLLOUTS_COMPONENTS } from './rollouts/components.js';
import { STORAGE_COMPONENTS } from './storage/components.js';
import { VELERO_COMPONENTS } from './velero/components.js';
import { WORKLOAD_COMPONENTS } from './workloads/components.js';

/**
 * The one component registry: every component of a cluster, with its Argo CD
 * Application and the charts it renders (one child Application each, one
 * `<chart-id>.k8s.yaml` per chart). Capabilities register with one import and
 * one spread; order does not matter (sync waves order the rollout, names and
 * chart ids must be unique).
 */
export const PLATFORM_COMPONENTS: readonly PlatformComponent[] = [
  ...ARGOCD_COMPONENTS,
  ...COST_COMPONENTS,
  ...ISTIO_COMPONENTS,
  ...EXTERNAL_SECRETS_COMPONENTS,
  ...VELERO_COMPONENTS,
  ...WORKLOAD_COMPONENTS,
  ...GATEKEEPER_COMPONENTS,
  ...FALCO_COMPONENTS,
  ...NETWORK_POLICY_COMPONENTS,
  ...CHAOS_COMPONENTS,
  ...ROLLOUTS_COMPONENTS,
  ...OBSERVABILITY_COMPONENTS,
  ...ALERTING_COMPONENTS,
  ...CI_ACCESS_COMPONENTS,
  ...STORAGE_COMPONENTS,
];

/** The components a cluster installs: every registered one its `enabled` check admits. */
export function clusterComponents(view: ClusterView, components: readonly PlatformComponent[] = PLATFORM_COMPONENTS): PlatformComponent[] {
  return components.filter((c) => c.enabled?.(view) ?? true);
}
