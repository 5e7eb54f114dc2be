import type { AwsRegion } from '../reference/aws-regions.js';
import type { PlatformConfig } from '../schema/platform.js';
import { clusterFacts } from './facts.js';
import { environmentRegions } from './regions.js';
import { stateBucketName, stateReplicaBucketName } from './state.js';
import { clusterTargets } from './targets.js';

/**
 * Buckets whose every object read and write the trail records (data events):
 * the Terraform state (holds every secret Terraform sees) and its replica, and
 * the Velero bucket of every region of the environment (a copy of every
 * cluster's objects, secrets included).
 */
export function dataEventBuckets(config: PlatformConfig, envName: string): string[] {
  const velero = clusterTargets(config)
    .filter((t) => t.envName === envName)
    .map((t) => clusterFacts(config, t).veleroBucket);
  const replica = stateReplicaBucketName(config, envName);
  return [stateBucketName(config, envName), ...(replica ? [replica] : []), ...velero].sort();
}

/**
 * The region of an environment that records account-global resources (IAM) in
 * AWS Config: the home region when the environment runs there, else its
 * primary region. Exactly one region per environment records them.
 */
export function globalRecordingRegion(config: PlatformConfig, envName: string): AwsRegion {
  const env = config.environments[envName];
  if (!env) throw new Error(`unknown environment '${envName}'`);
  const home = config.organization.homeRegion;
  return environmentRegions(env).includes(home) ? home : env.regions.primary.region;
}
