import type { AwsRegion } from '../reference/aws-regions.js';
import type { TagDefinition } from '../schema/organization.js';
import type { PlatformConfig } from '../schema/platform.js';
import { permissionsBoundary } from './facts.js';
import { stateBucketName, stateKeyAliasArn } from './state.js';
import { resolveTags } from './tags.js';

/**
 * An environment name that config parsing has checked: stacks and charts take
 * this, not any string. Environment names live in config only.
 */
export type EnvName = string & { readonly __brand: 'EnvName' };

/** The name of a configured environment, or an error naming the ones there are. */
export function envName(config: PlatformConfig, name: string): EnvName {
  if (!config.environments[name])
    throw new Error(`unknown environment '${name}'; use one of ${Object.keys(config.environments).sort().join(', ')}`);
  return name as EnvName;
}

/**
 * What every stack of one environment needs from config, resolved once by
 * stacks/app.ts: the account, where state lives, the tag set and the
 * permissions boundary its roles carry.
 */
export interface StackEnvironment {
  readonly name: EnvName;
  readonly accountId: string;
  /** Where account-wide (`global`) stacks deploy and state lives. */
  readonly homeRegion: AwsRegion;
  /** The environment's resolved tag set (every resource's default tags). */
  readonly tags: Readonly<Record<string, string>>;
  /** The mandatory tag keys and their allowed values (the tagging aspect checks them). */
  readonly tagTaxonomy: readonly TagDefinition[];
  readonly stateBucket: string;
  /** State is encrypted with this key alias (the key's own ARN is unknown before bootstrap). */
  readonly stateKeyAliasArn: string;
  /** ARN of the permissions boundary every role of the account carries. */
  readonly permissionsBoundaryArn: string;
  /** Roles that carry no boundary: the deploy role, which enforces it. */
  readonly boundaryExemptRoles: readonly string[];
}

export function stackEnvironment(config: PlatformConfig, name: string): StackEnvironment {
  const env = config.environments[name];
  if (!env) throw new Error(`unknown environment '${name}'; use one of ${Object.keys(config.environments).sort().join(', ')}`);
  return {
    name: name as EnvName,
    accountId: env.accountId,
    homeRegion: config.organization.homeRegion,
    tags: resolveTags(config, name),
    tagTaxonomy: config.tagTaxonomy,
    stateBucket: stateBucketName(config, name),
    stateKeyAliasArn: stateKeyAliasArn(config, name),
    permissionsBoundaryArn: permissionsBoundary(config, env.accountId).arn,
    boundaryExemptRoles: [config.ownership.deployRoleName],
  };
}
