import { isSet } from '../terraform.js';
import { violation, type AwsRule } from '../types.js';

/** CloudWatch log groups are encrypted with a customer KMS key. */
export const logGroupEncrypted: AwsRule = {
  id: 'log-group-encrypted',
  types: ['aws_cloudwatch_log_group'],
  check: (r) => (isSet(r.body.kms_key_id) ? 'compliant' : violation('kms_key_id is not set')),
};
