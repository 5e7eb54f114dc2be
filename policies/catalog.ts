import { awsFoundations } from './packs/aws-foundations.js';
import { awsLeastPrivilege } from './packs/aws-least-privilege.js';
import { kubernetesWorkloads } from './packs/kubernetes-workloads.js';
import type { Pack } from './types.js';

/** Every pack the engine runs, Terraform first. */
export const PACKS: readonly Pack[] = [awsFoundations, awsLeastPrivilege, kubernetesWorkloads];
