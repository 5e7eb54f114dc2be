import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Aspects, S3Backend, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { stateBucketName, stateKeyAliasArn } from '../config/derive/state.js';
import { resolveTags } from '../config/derive/tags.js';
import type { AwsRegion } from '../config/reference/aws-regions.js';
import type { PlatformConfig } from '../config/schema/platform.js';
import { PermissionsBoundaryAspect } from '../constructs/aws/permissions-boundary-aspect.js';
import { TaggingAspect } from '../constructs/aws/tagging-aspect.js';

export interface PlatformStackProps {
  readonly config: PlatformConfig;
  readonly envName: string;
  /** The stack's region, or `global` for account-wide stacks (deployed from the home region). */
  readonly region: AwsRegion | 'global';
  /** What the stack holds: network, cluster, database... */
  readonly kind: string;
  /** Tags this stack adds to the environment's, e.g. Service. @default {} */
  readonly tags?: Record<string, string>;
}

/**
 * Base of every AWS stack: named `<env>-<region>-<kind>`, state in the
 * environment's S3 bucket under its own key, encrypted with the state key, with
 * S3-native locking, an AWS
 * provider pinned to the environment's account with default_tags from config,
 * the tagging aspect that fails synth on a missing mandatory tag, and the
 * permissions boundary on every IAM role.
 */
export class PlatformStack extends TerraformStack {
  readonly config: PlatformConfig;
  readonly envName: string;
  readonly region: AwsRegion;
  readonly accountId: string;
  readonly provider: AwsProvider;
  readonly tags: Record<string, string>;
  /** Attaches the account's permissions boundary to the stack's roles. */
  protected readonly boundaryAspect: PermissionsBoundaryAspect;
  private readonly regionalProviders = new Map<string, AwsProvider>();

  constructor(scope: Construct, props: PlatformStackProps) {
    const name = `${props.envName}-${props.region}-${props.kind}`;
    super(scope, name);
    const env = props.config.environments[props.envName];
    if (!env) throw new Error(`stack ${name}: unknown environment '${props.envName}'`);
    this.config = props.config;
    this.envName = props.envName;
    this.accountId = env.accountId;
    this.region = props.region === 'global' ? props.config.organization.homeRegion : props.region;
    this.tags = { ...resolveTags(props.config, props.envName), ...props.tags };

    // Every stack, the bootstrap one included once it has created the bucket (README,
    // "Bootstrapping an account"), keeps its state in the account's bucket, encrypted
    // with the state key: its alias ARN, as the key's own ARN is unknown before bootstrap.
    const backend = new S3Backend(this, {
      bucket: stateBucketName(props.config, props.envName),
      key: `${name}/terraform.tfstate`,
      region: props.config.organization.homeRegion,
      encrypt: true,
      kmsKeyId: stateKeyAliasArn(props.config, props.envName),
    });
    // S3-native locking (Terraform >= 1.10); cdktf 0.21 has no typed field for it.
    backend.addOverride('use_lockfile', true);
    this.provider = this.makeProvider(this.region, undefined);
    const taggingAspect = new TaggingAspect(props.config.tagTaxonomy, this.tags);
    Aspects.of(this).add(taggingAspect);
    this.node.addValidation(taggingAspect);
    // Every role carries the boundary the deploy role requires (stacks/ci-access.ts).
    this.boundaryAspect = PermissionsBoundaryAspect.forAccount(props.config, this.accountId);
    Aspects.of(this).add(this.boundaryAspect);
  }

  /** An aliased provider for another region (cross-region replicas, copies). */
  providerFor(region: AwsRegion): AwsProvider {
    if (region === this.region) return this.provider;
    const existing = this.regionalProviders.get(region);
    if (existing) return existing;
    const provider = this.makeProvider(region, region);
    this.regionalProviders.set(region, provider);
    return provider;
  }

  private makeProvider(region: string, alias: string | undefined): AwsProvider {
    return new AwsProvider(this, alias ? `aws-${alias}` : 'aws', {
      region,
      alias,
      allowedAccountIds: [this.accountId],
      defaultTags: [{ tags: this.tags }],
    });
  }
}
