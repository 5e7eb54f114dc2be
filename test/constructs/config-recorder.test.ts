import { ConfigConfigurationRecorder } from '@cdktf/provider-aws/lib/config-configuration-recorder';
import { ConfigConfigurationRecorderStatus } from '@cdktf/provider-aws/lib/config-configuration-recorder-status';
import { ConfigDeliveryChannel } from '@cdktf/provider-aws/lib/config-delivery-channel';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { describe, expect, test } from 'vitest';
import { ConfigRecorder } from '../../constructs/aws/config-recorder.js';
import { ACCOUNT, address, awsStack, only, ref, statements, synth } from './construct-stack.js';

function build(includeGlobalResources = true, retentionDays = 2555) {
  const stack = awsStack();
  new ConfigRecorder(stack, 'config', {
    accountId: ACCOUNT,
    namePrefix: 'prod-use1',
    bucketName: 'prod-use1-config',
    includeGlobalResources,
    retentionDays,
  });
  return synth(stack);
}

describe('ConfigRecorder', () => {
  test.each([true, false])('records every supported type; global resources %s (one region per account)', (global) => {
    expect(only(build(global), ConfigConfigurationRecorder.tfResourceType)).toMatchObject({
      name: 'prod-use1-recorder',
      recording_group: { all_supported: true, include_global_resource_types: global },
    });
  });

  test('history goes to a bucket encrypted with its own key, kept for the audit-log retention', () => {
    const out = build(true, 400);
    const key = ref(out, KmsKey.tfResourceType, 'arn');
    expect(only(out, S3BucketServerSideEncryptionConfigurationA.tfResourceType).rule[0].apply_server_side_encryption_by_default).toEqual({
      sse_algorithm: 'aws:kms',
      kms_master_key_id: key,
    });
    expect(only(out, S3BucketLifecycleConfiguration.tfResourceType).rule.find((r: any) => r.id === 'retention').expiration).toEqual([
      { days: 400 },
    ]);
    expect(only(out, S3Bucket.tfResourceType)).toMatchObject({
      bucket: 'prod-use1-config',
      tags: { DataClass: 'audit-logs' },
      lifecycle: { prevent_destroy: true },
    });
    expect(only(out, ConfigDeliveryChannel.tfResourceType)).toMatchObject({
      s3_kms_key_arn: key,
      snapshot_delivery_properties: { delivery_frequency: 'TwentyFour_Hours' },
    });
  });

  test('the role is assumable by AWS Config, with the managed policy and delivery scoped to its own prefix', () => {
    const out = build();
    expect(JSON.parse(only(out, IamRole.tfResourceType).assume_role_policy).Statement).toEqual([
      { Effect: 'Allow', Principal: { Service: 'config.amazonaws.com' }, Action: 'sts:AssumeRole' },
    ]);
    expect(only(out, IamRolePolicyAttachment.tfResourceType).policy_arn).toBe('arn:aws:iam::aws:policy/service-role/AWS_ConfigRole');
    const bucket = ref(out, S3Bucket.tfResourceType, 'arn');
    const s = statements(only(out, IamRolePolicy.tfResourceType).policy);
    expect(s.Deliver).toMatchObject({ Action: 's3:PutObject', Resource: `${bucket}/AWSLogs/${ACCOUNT}/Config/*` });
    expect(s.CheckBucket.Resource).toBe(bucket);
    expect(s.Encrypt).toMatchObject({ Action: ['kms:GenerateDataKey', 'kms:Decrypt'], Resource: ref(out, KmsKey.tfResourceType, 'arn') });
  });

  test('the channel is created after the recorder, the delivery policy and the bucket policy; recording starts last', () => {
    const out = build();
    expect(only(out, ConfigDeliveryChannel.tfResourceType).depends_on).toEqual([
      address(out, ConfigConfigurationRecorder.tfResourceType),
      address(out, IamRolePolicy.tfResourceType),
      address(out, S3BucketPolicy.tfResourceType),
    ]);
    expect(only(out, ConfigConfigurationRecorderStatus.tfResourceType)).toEqual({
      name: ref(out, ConfigConfigurationRecorder.tfResourceType, 'name'),
      is_enabled: true,
      depends_on: [address(out, ConfigDeliveryChannel.tfResourceType)],
    });
  });
});
