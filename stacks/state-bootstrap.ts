import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { TerraformOutput } from 'cdktf';
import type { Construct } from 'constructs';
import type { StackEnvironment } from '../config/derive/stack-environment.js';
import { stateKeyAlias } from '../config/derive/state.js';
import type { AwsRegion } from '../config/reference/aws-regions.js';
import { policyDocument, type PolicyStatement } from '../constructs/aws/iam-policy.js';
import { CustomerKey } from '../constructs/aws/kms-key.js';
import { BucketReplication } from '../constructs/aws/replicated-bucket.js';
import { SecureBucket } from '../constructs/aws/secure-bucket.js';
import { PlatformStack } from './platform-stack.js';

/** Old state versions are the undo history of every apply: keep a year. */
const STATE_VERSIONS_DAYS = 365;

export interface StateBootstrapStackProps {
  readonly environment: StackEnvironment;
  /** The account's permissions boundary (config/derive/facts.ts `permissionsBoundary`, constructs/aws/ci-policies.ts `boundaryStatements`). */
  readonly boundary: { readonly name: string; readonly statements: readonly PolicyStatement[] };
  /**
   * Where the state bucket replicates to (config/derive/state.ts `stateReplicaRegion`).
   * @default none: an account whose environment runs in its home region only keeps one bucket
   */
  readonly replica?: { readonly region: AwsRegion; readonly bucketName: string };
}

/**
 * `<env>-global-state`: the S3 bucket every stack of the environment's account,
 * this one included, keeps its state in, encrypted with the state key, and its
 * replica in the environment's other region (own key, same alias name), so the
 * state stays readable when the home region is down. Applied once with local
 * state outside cdktf.out, then migrated into the bucket it created (README,
 * "Bootstrapping an account"); its S3 backend is the one every stack has.
 */
export class StateBootstrapStack extends PlatformStack {
  readonly bucket: SecureBucket;
  readonly replica?: SecureBucket;
  /** The permissions boundary every role of the account carries (the deploy role may create roles only with it). */
  readonly boundary: IamPolicy;

  constructor(scope: Construct, id: string, props: StateBootstrapStackProps) {
    super(scope, { environment: props.environment, region: 'global', kind: 'state', tags: { Service: 'terraform-state' } }, id);
    const envName = this.envName;
    // The first stack of an empty account (applied by an administrator) creates the boundary: every later
    // stack's roles, this stack's replication role included, name it, so it must exist before all of them.
    this.boundary = new IamPolicy(this, 'permissions-boundary', {
      name: props.boundary.name,
      description: `Permissions boundary of every role the ${envName} stacks create: no IAM writes beyond instance profiles`,
      policy: policyDocument(props.boundary.statements),
    });
    this.boundaryAspect.useBoundaryPolicy(this.boundary.arn);
    const key = new CustomerKey(this, 'state-key', {
      accountId: this.accountId,
      alias: stateKeyAlias(envName),
      description: `Encrypts the Terraform state of ${envName}`,
    });
    this.bucket = new SecureBucket(this, 'state-bucket', {
      bucketName: props.environment.stateBucket,
      kmsKeyArn: key.arn,
      noncurrentVersionExpirationDays: STATE_VERSIONS_DAYS,
    });
    new TerraformOutput(this, 'state_bucket', { value: this.bucket.name });

    if (!props.replica) return;
    const { region: replicaRegion, bucketName: replicaName } = props.replica;
    const provider = this.providerFor(replicaRegion);
    const replicaKey = new CustomerKey(this, 'state-replica-key', {
      accountId: this.accountId,
      alias: stateKeyAlias(envName),
      description: `Encrypts the ${replicaRegion} replica of the Terraform state of ${envName}`,
      provider,
    });
    this.replica = new SecureBucket(this, 'state-replica-bucket', {
      bucketName: replicaName,
      kmsKeyArn: replicaKey.arn,
      noncurrentVersionExpirationDays: STATE_VERSIONS_DAYS,
      provider,
    });
    new BucketReplication(this, 'state-replication', {
      roleName: `${envName}-terraform-state-replication`,
      source: { bucket: this.bucket, keyArn: key.arn, region: this.region },
      destinations: [{ bucket: this.replica, keyArn: replicaKey.arn, region: replicaRegion }],
      // Terraform deletes its lock file after every run: the replica must drop it too, or a
      // DR run against the replica finds every state locked. Versions are never deleted.
      replicateDeleteMarkers: true,
    });
    new TerraformOutput(this, 'state_replica_bucket', { value: this.replica.name });
  }
}
