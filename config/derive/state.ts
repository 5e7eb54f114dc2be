import type { AwsRegion } from '../reference/aws-regions.js';
import type { PlatformConfig } from '../schema/platform.js';
import { replicaRegions } from './regions.js';

const environment = (config: PlatformConfig, envName: string) => {
  const env = config.environments[envName];
  if (!env) throw new Error(`unknown environment '${envName}'`);
  return env;
};

/** The Terraform state bucket of an environment's account (created by its bootstrap stack, in the home region). */
export function stateBucketName(config: PlatformConfig, envName: string): string {
  return `${config.organization.name}-${envName}-tfstate-${environment(config, envName).accountId}`;
}

/** Alias of the key encrypting the state; the same name in the home region and in the replica's region. */
export function stateKeyAlias(envName: string): string {
  return `${envName}-terraform-state`;
}

/** The alias ARN the S3 backend names as `kms_key_id` (known before the key exists, unlike the key's ARN). */
export function stateKeyAliasArn(config: PlatformConfig, envName: string, region: AwsRegion = config.organization.homeRegion): string {
  return `arn:aws:kms:${region}:${environment(config, envName).accountId}:alias/${stateKeyAlias(envName)}`;
}

/**
 * Where the state is replicated, so that it stays readable during an outage of
 * the home region: the environment's first replica region other than the home
 * region, else its primary when that is not the home region.
 */
export function stateReplicaRegion(config: PlatformConfig, envName: string): AwsRegion | undefined {
  const env = environment(config, envName);
  const home = config.organization.homeRegion;
  return [...replicaRegions(env), env.regions.primary.region].find((region) => region !== home);
}

/** The replica of the state bucket in `stateReplicaRegion`. */
export function stateReplicaBucketName(config: PlatformConfig, envName: string): string | undefined {
  const region = stateReplicaRegion(config, envName);
  return region ? `${stateBucketName(config, envName)}-${region}` : undefined;
}

/** The state bucket's replica, its region and name; undefined where the environment runs in the home region only. */
export function stateReplica(
  config: PlatformConfig,
  envName: string,
): { readonly region: AwsRegion; readonly bucketName: string } | undefined {
  const region = stateReplicaRegion(config, envName);
  const bucketName = stateReplicaBucketName(config, envName);
  return region && bucketName ? { region, bucketName } : undefined;
}
