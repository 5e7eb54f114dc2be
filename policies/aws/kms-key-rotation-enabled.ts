import { isTrue } from '../terraform.js';
import { violation, type AwsRule } from '../types.js';

/** Symmetric customer keys rotate automatically (asymmetric and HMAC keys cannot). */
export const kmsKeyRotationEnabled: AwsRule = {
  id: 'kms-key-rotation-enabled',
  types: ['aws_kms_key'],
  check: (r) => {
    const spec = r.body.customer_master_key_spec;
    if (spec !== undefined && spec !== 'SYMMETRIC_DEFAULT') return 'not-applicable';
    return isTrue(r.body.enable_key_rotation) ? 'compliant' : violation('enable_key_rotation is not true');
  },
};
