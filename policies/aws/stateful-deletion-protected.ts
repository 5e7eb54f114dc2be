import { blocks, isTrue } from '../terraform.js';
import { violation, type AwsRule, type TfResource } from '../types.js';

/** Types whose API has a deletion-protection switch; that switch is what stops a console or CLI delete. */
const PROTECTION_ATTRIBUTE: Record<string, string> = {
  aws_db_instance: 'deletion_protection',
  aws_rds_cluster: 'deletion_protection',
  aws_rds_global_cluster: 'deletion_protection',
  aws_dynamodb_table: 'deletion_protection_enabled',
};

const preventsDestroy = (r: TfResource) => blocks(r.body.lifecycle).some((l) => isTrue(l.prevent_destroy));

/**
 * Stateful resources cannot be deleted by accident: databases through their
 * deletion-protection switch, EKS clusters through it or `prevent_destroy`,
 * buckets, keys, vaults and file systems through `lifecycle.prevent_destroy`.
 */
export const statefulDeletionProtected: AwsRule = {
  id: 'stateful-deletion-protected',
  types: [
    ...Object.keys(PROTECTION_ATTRIBUTE),
    'aws_eks_cluster',
    'aws_s3_bucket',
    'aws_kms_key',
    'aws_backup_vault',
    'aws_efs_file_system',
  ],
  check: (r) => {
    const attribute = PROTECTION_ATTRIBUTE[r.type];
    if (attribute) return isTrue(r.body[attribute]) ? 'compliant' : violation(`${attribute} is not true`);
    if (r.type === 'aws_eks_cluster' && isTrue(r.body.deletion_protection)) return 'compliant';
    return preventsDestroy(r) ? 'compliant' : violation('lifecycle.prevent_destroy is not true');
  },
};
