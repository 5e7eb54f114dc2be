import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Aspects, S3Backend, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import type { EnvName, StackEnvironment } from '../config/derive/stack-environment.js';
import { stackName } from '../config/derive/stack-names.js';
import type { AwsRegion } from '../config/reference/aws-regions.js';
import { PermissionsBoundaryAspect } from '../constructs/aws/permissions-boundary-aspect.js';
import { TaggingAspect } from '../constructs/aws/tagging-aspect.js';

export interface PlatformStackProps {
  /** The environment as stacks/app.ts resolved it from config. */
  readonly environment: StackEnvironment;
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
  readonly environment: StackEnvironment;
  readonly envName: EnvName;
  readonly region: AwsRegion;
  readonly accountId: string;
  readonly provider: AwsProvider;
  readonly tags: Record<string, string>;
  /** Attaches the account's permissions boundary to the stack's roles. */
  protected readonly boundaryAspect: PermissionsBoundaryAspect;
  private readonly regionalProviders = new Map<string, AwsProvider>();

  /**
   * @param id the stack's id, which stacks/app.ts passes: it must be the name
   * the naming rule gives (`stackName`). @default that name
   */
  constructor(scope: Construct, props: PlatformStackProps, id?: string) {
    const { environment } = props;
    const name = stackName(environment.name, props.region, props.kind);
    if (id !== undefined && id !== name)
      throw new Error(
        `stack id '${id}' breaks the naming rule: a ${props.kind} stack of ${environment.name} in ${props.region} is '${name}' (stackName)`,
      );
    super(scope, name);
    this.environment = environment;
    this.envName = environment.name;
    this.accountId = environment.accountId;
    this.region = props.region === 'global' ? environment.homeRegion : props.region;
    this.tags = { ...environment.tags, ...props.tags };

    // Every stack, the bootstrap one included once it has created the bucket (README,
    // "Bootstrapping an account"), keeps its state in the account's bucket, encrypted
    // with the state key: its alias ARN, as the key's own ARN is unknown before bootstrap.
    const backend = new S3Backend(this, {
      bucket: environment.stateBucket,
      key: `${name}/terraform.tfstate`,
      region: environment.homeRegion,
      encrypt: true,
      kmsKeyId: environment.stateKeyAliasArn,
    });
    // S3-native locking (Terraform >= 1.10); cdktf 0.21 has no typed field for it.
    backend.addOverride('use_lockfile', true);
    this.provider = this.makeProvider(this.region, undefined);
    const taggingAspect = new TaggingAspect(environment.tagTaxonomy, this.tags);
    Aspects.of(this).add(taggingAspect);
    this.node.addValidation(taggingAspect);
    // Every role carries the boundary the deploy role requires (stacks/ci-access.ts).
    this.boundaryAspect = new PermissionsBoundaryAspect(environment.permissionsBoundaryArn, environment.boundaryExemptRoles);
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
