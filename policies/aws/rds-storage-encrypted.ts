import { isSet, isTrue } from '../terraform.js';
import { violation, type AwsRule } from '../types.js';

/** RDS instances and clusters store data encrypted (a replica may name only its KMS key). */
export const rdsStorageEncrypted: AwsRule = {
  id: 'rds-storage-encrypted',
  types: ['aws_db_instance', 'aws_rds_cluster'],
  check: (r) =>
    isTrue(r.body.storage_encrypted) || isSet(r.body.kms_key_id)
      ? 'compliant'
      : violation('storage_encrypted is not true and no kms_key_id is set'),
};
