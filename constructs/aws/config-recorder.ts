import { ConfigConfigurationRecorder } from '@cdktf/provider-aws/lib/config-configuration-recorder';
import { ConfigConfigurationRecorderStatus } from '@cdktf/provider-aws/lib/config-configuration-recorder-status';
import { ConfigDeliveryChannel } from '@cdktf/provider-aws/lib/config-delivery-channel';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { Construct } from 'constructs';
import { policyDocument } from './iam-policy.js';
import { CustomerKey } from './kms-key.js';
import { SecureBucket } from './secure-bucket.js';

export interface ConfigRecorderProps {
  readonly accountId: string;
  /** Prefix of the role, key and recorder names, e.g. `prod-us-east-1`. */
  readonly namePrefix: string;
  readonly bucketName: string;
  /** Record IAM and other global resources: true in one region per account only, or they are recorded twice. */
  readonly includeGlobalResources: boolean;
  /** Days configuration history is kept (the retention table's `audit-logs`). */
  readonly retentionDays: number;
}

/**
 * AWS Config recording every supported resource type, delivering history and
 * snapshots to a KMS-encrypted bucket, and switched on.
 */
export class ConfigRecorder extends Construct {
  readonly recorder: ConfigConfigurationRecorder;
  readonly bucket: SecureBucket;
  readonly status: ConfigConfigurationRecorderStatus;

  constructor(scope: Construct, id: string, props: ConfigRecorderProps) {
    super(scope, id);
    const key = new CustomerKey(this, 'key', {
      accountId: props.accountId,
      alias: `${props.namePrefix}-config`,
      description: `Encrypts the AWS Config history of ${props.namePrefix}`,
    });
    this.bucket = new SecureBucket(this, 'bucket', {
      bucketName: props.bucketName,
      kmsKeyArn: key.arn,
      lifecycleRules: [{ id: 'retention', status: 'Enabled', filter: [{ prefix: '' }], expiration: [{ days: props.retentionDays }] }],
    });
    this.bucket.bucket.tags = { DataClass: 'audit-logs' };
    const role = new IamRole(this, 'role', {
      name: `${props.namePrefix}-config-recorder`,
      assumeRolePolicy: policyDocument([{ Effect: 'Allow', Principal: { Service: 'config.amazonaws.com' }, Action: 'sts:AssumeRole' }]),
    });
    new IamRolePolicyAttachment(this, 'managed-policy', {
      role: role.name,
      policyArn: 'arn:aws:iam::aws:policy/service-role/AWS_ConfigRole',
    });
    const delivery = new IamRolePolicy(this, 'delivery-policy', {
      role: role.name,
      policy: policyDocument([
        { Sid: 'CheckBucket', Effect: 'Allow', Action: ['s3:GetBucketAcl', 's3:ListBucket'], Resource: this.bucket.arn },
        { Sid: 'Deliver', Effect: 'Allow', Action: 's3:PutObject', Resource: `${this.bucket.arn}/AWSLogs/${props.accountId}/Config/*` },
        { Sid: 'Encrypt', Effect: 'Allow', Action: ['kms:GenerateDataKey', 'kms:Decrypt'], Resource: key.arn },
      ]),
    });
    this.recorder = new ConfigConfigurationRecorder(this, 'recorder', {
      name: `${props.namePrefix}-recorder`,
      roleArn: role.arn,
      recordingGroup: { allSupported: true, includeGlobalResourceTypes: props.includeGlobalResources },
    });
    const channel = new ConfigDeliveryChannel(this, 'delivery-channel', {
      name: `${props.namePrefix}-delivery`,
      s3BucketName: this.bucket.bucket.id,
      s3KmsKeyArn: key.arn,
      snapshotDeliveryProperties: { deliveryFrequency: 'TwentyFour_Hours' },
      // The bucket policy first: Config checks its access when the channel is created.
      dependsOn: [this.recorder, delivery, this.bucket.policy],
    });
    this.status = new ConfigConfigurationRecorderStatus(this, 'status', {
      name: this.recorder.name,
      isEnabled: true,
      dependsOn: [channel],
    });
  }
}
