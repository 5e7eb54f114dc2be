import type { ClusterContext } from '../cluster-context.js';

/**
 * The Secrets Manager naming contract shared with the AWS side. The External
 * Secrets role may read `<env>/*` and `rds!*` in its region
 * (constructs/aws/controller-policies.ts); the database names below follow
 * stacks/database.ts.
 */

export { appSecretName } from '../../config/derive/secrets.js';

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
 * Where this cluster finds the environment database's master credentials, or
 * undefined when it cannot: Aurora's secret (`<org>-<env>-aurora/master`) is
 * replicated to the replica region; RDS's managed secret lives in the
 * primary region only, so only the primary-region cluster can read it.
 */
export function databaseSecretLookup(ctx: ClusterContext): DatabaseSecretLookup | undefined {
  const { config, target } = ctx;
  const database = config.data[target.envName]?.database;
  if (!database) return undefined;
  const base = `${config.organization.name}-${target.envName}`;
  if (database.engine === 'aurora-postgres-global') return { by: 'name', key: `${base}-aurora/master` };
  const primary = target.env.regions.primary.region;
  if (target.region !== primary) return undefined;
  const writer = `arn:aws:rds:${primary}:${target.env.accountId}:db:${base}-postgres-${primary}`;
  return { by: 'tags', tags: { [RDS_SECRET_TAG]: writer }, nameRegexp: '^rds!db-' };
}

/**
 * The Kubernetes Secrets a service's pods read, in the service's namespace:
 * `<service>-app` (its `<env>/<service>/app` document, one key per setting)
 * and, for a stateful service where this cluster can read the database
 * secret, `<service>-database` (keys `username` and `password`).
 */
export interface ServiceSecretNames {
  readonly app: string;
  /** @default none: stateless, or the database secret is unreadable from this region */
  readonly database?: string;
}

export function serviceSecretNames(ctx: ClusterContext, service: { readonly name: string; readonly stateful: boolean }): ServiceSecretNames {
  const database = service.stateful && databaseSecretLookup(ctx) ? `${service.name}-database` : undefined;
  return { app: `${service.name}-app`, ...(database ? { database } : {}) };
}
