import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { TerraformOutput } from 'cdktf';
import type { Construct } from 'constructs';
import { permissionsBoundary } from '../config/derive/facts.js';
import { stateBucketName, stateKeyAlias, stateReplicaBucketName, stateReplicaRegion } from '../config/derive/state.js';
import type { PlatformConfig } from '../config/schema/platform.js';
import { boundaryStatements } from '../constructs/aws/ci-policies.js';
import { policyDocument } from '../constructs/aws/iam-policy.js';
import { CustomerKey } from '../constructs/aws/kms-key.js';
import { BucketReplication } from '../constructs/aws/replicated-bucket.js';
import { SecureBucket } from '../constructs/aws/secure-bucket.js';
import { PlatformStack } from './platform-stack.js';

/** Old state versions are the undo history of every apply: keep a year. */
const STATE_VERSIONS_DAYS = 365;

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

  constructor(scope: Construct, config: PlatformConfig, envName: string) {
    super(scope, { config, envName, region: 'global', kind: 'state', tags: { Service: 'terraform-state' } });
    // The first stack of an empty account (applied by an administrator) creates the boundary: every later
    // stack's roles, this stack's replication role included, name it, so it must exist before all of them.
    const boundary = permissionsBoundary(config, this.accountId);
    this.boundary = new IamPolicy(this, 'permissions-boundary', {
      name: boundary.name,
      description: `Permissions boundary of every role the ${envName} stacks create: no IAM writes beyond instance profiles`,
      policy: policyDocument(boundaryStatements({ config, envName, accountId: this.accountId })),
    });
    this.boundaryAspect.useBoundaryPolicy(this.boundary.arn);
    const key = new CustomerKey(this, 'state-key', {
      accountId: this.accountId,
      alias: stateKeyAlias(envName),
      description: `Encrypts the Terraform state of ${envName}`,
    });
    this.bucket = new SecureBucket(this, 'state-bucket', {
      bucketName: stateBucketName(config, envName),
      kmsKeyArn: key.arn,
      noncurrentVersionExpirationDays: STATE_VERSIONS_DAYS,
    });
    new TerraformOutput(this, 'state_bucket', { value: this.bucket.name });

    const replicaRegion = stateReplicaRegion(config, envName);
    const replicaName = stateReplicaBucketName(config, envName);
    if (!replicaRegion || !replicaName) return;
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
      destination: { bucket: this.replica, keyArn: replicaKey.arn, region: replicaRegion },
      // Terraform deletes its lock file after every run: the replica must drop it too, or a
      // DR run against the replica finds every state locked. Versions are never deleted.
      replicateDeleteMarkers: true,
    });
    new TerraformOutput(this, 'state_replica_bucket', { value: this.replica.name });
  }
}
