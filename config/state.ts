import type { PlatformConfig } from './schema/platform.js';

/** The Terraform state bucket of an environment's account (created by its bootstrap stack). */
export function stateBucketName(config: PlatformConfig, envName: string): string {
  const env = config.environments[envName];
  if (!env) throw new Error(`unknown environment '${envName}'`);
  return `${config.organization.name}-${envName}-tfstate-${env.accountId}`;
}
