import { blocks } from '../terraform.js';
import { violation, type AwsRule } from '../types.js';

/**
 * A repository creation template that encrypts with a customer KMS key names
 * a custom role (`custom_role_arn`): ECR creates the repository with that
 * role's `kms:CreateGrant`, and without one the first pull through the cache fails.
 */
export const ecrTemplateKmsHasRole: AwsRule = {
  id: 'ecr-template-kms-has-role',
  types: ['aws_ecr_repository_creation_template'],
  check: (r) => {
    const kms = blocks(r.body.encryption_configuration).some((e) => e.encryption_type === 'KMS' && e.kms_key !== undefined);
    if (!kms) return 'not-applicable';
    const role = r.body.custom_role_arn;
    return typeof role === 'string' && role !== '' ? 'compliant' : violation('encrypts with a customer KMS key but has no custom_role_arn');
  },
};
