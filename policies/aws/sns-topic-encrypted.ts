import { isSet } from '../terraform.js';
import { violation, type AwsRule } from '../types.js';

/** SNS topics encrypt messages at rest with a KMS key. */
export const snsTopicEncrypted: AwsRule = {
  id: 'sns-topic-encrypted',
  types: ['aws_sns_topic'],
  check: (r) => (isSet(r.body.kms_master_key_id) ? 'compliant' : violation('kms_master_key_id is not set')),
};
