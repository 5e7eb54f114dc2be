import type { Construct } from 'constructs';
import type { PlatformConfig } from '../config/index.js';
import { stateBucketName } from '../config/state.js';
import { CustomerKey } from '../constructs/aws/kms-key.js';
import { SecureBucket } from '../constructs/aws/secure-bucket.js';
import { PlatformStack } from './platform-stack.js';

/**
 * `<env>-global-state`: the S3 bucket every other stack of the environment's
 * account keeps its state in. Applied once with local state, then migrated into
 * the bucket it created (README, "Bootstrapping an account").
 */
export class StateBootstrapStack extends PlatformStack {
  readonly bucket: SecureBucket;

  constructor(scope: Construct, config: PlatformConfig, envName: string) {
    super(scope, { config, envName, region: 'global', kind: 'state', localState: true, tags: { Service: 'terraform-state' } });
    const key = new CustomerKey(this, 'state-key', {
      accountId: this.accountId,
      alias: `${envName}-terraform-state`,
      description: `Encrypts the Terraform state of ${envName}`,
    });
    this.bucket = new SecureBucket(this, 'state-bucket', {
      bucketName: stateBucketName(config, envName),
      kmsKeyArn: key.arn,
      // Old state versions are the undo history of every apply: keep a year.
      noncurrentVersionExpirationDays: 365,
    });
  }
}
