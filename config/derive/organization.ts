import type { PlatformConfig } from '../schema/platform.js';

/** True when the environment's account is the AWS Organizations management account. */
export function isManagementAccount(config: PlatformConfig, envName: string): boolean {
  const managementAccountId = config.organization.managementAccountId;
  return managementAccountId !== undefined && config.environments[envName]?.accountId === managementAccountId;
}

/** How the governance environment reaches the management account: a role it assumes there. */
export interface ManagementAccess {
  readonly accountId: string;
  readonly roleArn: string;
  readonly sessionName: string;
}

/**
 * The management-account role of the governance environment (tag policy, cost
 * allocation tags); undefined when the accounts are standalone or `envName` is
 * not the governance environment, which never acts in the management account.
 */
export function managementAccess(config: PlatformConfig, envName: string): ManagementAccess | undefined {
  const accountId = config.organization.managementAccountId;
  if (!accountId || envName !== config.cost.governanceEnvironment) return undefined;
  return {
    accountId,
    roleArn: `arn:aws:iam::${accountId}:role/${config.cost.managementRoleName}`,
    sessionName: `${envName}-cost-governance`,
  };
}

/** The Organizations tag policy of the tag taxonomy, and the accounts it is attached to. */
export interface TagPolicyPlacement {
  readonly management: ManagementAccess;
  readonly name: string;
  /** Every environment's account, once each, sorted. */
  readonly targetAccounts: readonly string[];
}

/** The tag policy the governance environment places in the management account; undefined elsewhere. */
export function tagPolicyPlacement(config: PlatformConfig, envName: string): TagPolicyPlacement | undefined {
  const management = managementAccess(config, envName);
  if (!management) return undefined;
  const targetAccounts = [...new Set(Object.values(config.environments).map((e) => e.accountId))].sort();
  return { management, name: `${config.organization.name}-tag-taxonomy`, targetAccounts };
}
