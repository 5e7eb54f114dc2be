import type { PlatformComponent } from '../platform-components.js';
import { ARGOCD_COMPONENTS } from './argo-cd-component.js';
import { COST_COMPONENTS } from '../karpenter/component.js';
import { EXTERNAL_SECRETS_COMPONENTS } from '../external-secrets/components.js';
import { ISTIO_COMPONENTS } from '../istio/components.js';
import { VELERO_COMPONENTS } from '../velero/components.js';
import { WORKLOAD_COMPONENTS } from '../workloads/components.js';
import { GATEKEEPER_COMPONENTS } from '../gatekeeper/gatekeeper-component.js';
import { FALCO_COMPONENTS } from '../falco/components.js';
import { NETWORK_POLICY_COMPONENTS } from '../network-policies/components.js';
import { CHAOS_COMPONENTS } from '../chaos/components.js';

import { ROLLOUTS_COMPONENTS } from '../rollouts/components.js';
import { OBSERVABILITY_COMPONENTS } from '../observability/components.js';
import { ALERTING_COMPONENTS } from '../alerting/components.js';
import { CI_ACCESS_COMPONENTS } from '../ci-access/component.js';
import { STORAGE_COMPONENTS } from '../storage/components.js';
/**
 * Every component Argo CD installs, one child Application each. Capabilities
 * register with one import and one spread; order does not matter (sync waves
 * order the rollout, names must be unique).
 */
export const PLATFORM_COMPONENTS: PlatformComponent[] = [
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
