import { blocks, isSet } from '../terraform.js';
import { violation, type AwsRule } from '../types.js';

/** Kubernetes secrets are envelope-encrypted with a customer KMS key. */
export const eksSecretsEncrypted: AwsRule = {
  id: 'eks-secrets-encrypted',
  types: ['aws_eks_cluster'],
  check: (r) =>
    blocks(r.body.encryption_config).some(
      (c) => Array.isArray(c.resources) && c.resources.includes('secrets') && blocks(c.provider).some((p) => isSet(p.key_arn)),
    )
      ? 'compliant'
      : violation('no encryption_config for resources ["secrets"] with a provider key_arn'),
};
