import { accountPrerequisites } from './packs/account-prerequisites.js';
import { awsFoundations } from './packs/aws-foundations.js';
import { awsLeastPrivilege } from './packs/aws-least-privilege.js';
import { clusterState } from './packs/cluster-state.js';
import { dataProtection } from './packs/data-protection.js';
import { firstApply } from './packs/first-apply.js';
import { kubernetesWorkloads } from './packs/kubernetes-workloads.js';
import type { Pack } from './types.js';

/** Every pack the engine runs: Terraform resources, single manifests, each cluster's whole state, then the whole output. */
export const PACKS: readonly Pack[] = [
  awsFoundations,
  firstApply,
  awsLeastPrivilege,
  kubernetesWorkloads,
  clusterState,
  dataProtection,
  accountPrerequisites,
];
