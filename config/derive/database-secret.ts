import type { AwsRegion } from '../reference/aws-regions.js';
import type { PlatformConfig } from '../schema/platform.js';

/**
 * How a cluster finds its environment database's master credentials in
 * Secrets Manager: the naming contract between the database stack (which
 * creates or lets RDS create the secret) and External Secrets (which reads it).
 * The External Secrets role may read `<env>/*`, `rds!*` and the Aurora secret
 * in its region (ClusterFacts.secretPrefixes).
 */

/**
 * RDS names its managed master-user secret `rds!db-<uuid>` (not choosable) and
 * tags it with the writer instance's ARN: External Secrets finds it by that tag.
 */
export const RDS_SECRET_TAG = 'aws:rds:primaryDBInstanceArn';

/** How a cluster reads its environment's database credentials: by name, or by tag. */
export type DatabaseSecretLookup =
  | { readonly by: 'name'; readonly key: string }
  | { readonly by: 'tags'; readonly tags: Record<string, string>; readonly nameRegexp: string };

/**
 * Where the cluster of `region` finds the environment database's master
 * credentials, or undefined when it cannot (or there is no database):
 * Aurora's secret (`<org>-<env>-aurora/master`) is replicated to every region
 * of the environment; RDS's managed secret lives in the primary region only,
 * so only the primary-region cluster can read it.
 */
export function databaseSecretLookup(config: PlatformConfig, envName: string, region: AwsRegion): DatabaseSecretLookup | undefined {
  const database = config.data[envName]?.database;
  const env = config.environments[envName];
  if (!database || !env) return undefined;
  const base = `${config.organization.name}-${envName}`;
  if (database.engine === 'aurora-postgres-global') return { by: 'name', key: `${base}-aurora/master` };
  const primary = env.regions.primary.region;
  if (region !== primary) return undefined;
  const writer = `arn:aws:rds:${primary}:${env.accountId}:db:${base}-postgres-${primary}`;
  return { by: 'tags', tags: { [RDS_SECRET_TAG]: writer }, nameRegexp: '^rds!db-' };
}
