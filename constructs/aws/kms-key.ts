import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Construct } from 'constructs';
import { policyDocument, type PolicyStatement } from './iam-policy.js';

export interface CustomerKeyProps {
  readonly accountId: string;
  /** Alias without the `alias/` prefix. */
  readonly alias: string;
  readonly description: string;
  /**
   * AWS service principals that may use the key (e.g. `logs.us-east-1.amazonaws.com`),
   * restricted to this account.
   * @default []
   */
  readonly servicePrincipals?: string[];
  /** Further key-policy statements. @default [] */
  readonly extraStatements?: PolicyStatement[];
  /** Waiting period before a scheduled deletion completes. @default 30 */
  readonly deletionWindowInDays?: number;
  /** Provider of another region (replica keys). @default the stack's provider */
  readonly provider?: AwsProvider;
}

/**
 * A customer-managed KMS key with yearly rotation, an alias and a key policy
 * that keeps administration in the account. Protected from destroy: losing a
 * key loses every byte encrypted with it.
 */
export class CustomerKey extends Construct {
  readonly key: KmsKey;
  readonly arn: string;

  constructor(scope: Construct, id: string, props: CustomerKeyProps) {
    super(scope, id);
    const statements: PolicyStatement[] = [
      {
        Sid: 'AccountAdministration',
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${props.accountId}:root` },
        Action: 'kms:*',
        Resource: '*',
      },
      ...(props.servicePrincipals ?? []).map((service): PolicyStatement => ({
        Sid: `Service${service.split('.')[0]?.replace(/[^A-Za-z0-9]/g, '') ?? ''}`,
        Effect: 'Allow',
        Principal: { Service: service },
        Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
        Resource: '*',
        Condition: { StringEquals: { 'aws:SourceAccount': props.accountId } },
      })),
      ...(props.extraStatements ?? []),
    ];
    this.key = new KmsKey(this, 'key', {
      description: props.description,
      enableKeyRotation: true,
      rotationPeriodInDays: 365,
      deletionWindowInDays: props.deletionWindowInDays ?? 30,
      policy: policyDocument(statements),
      provider: props.provider,
      lifecycle: { preventDestroy: true },
    });
    new KmsAlias(this, 'alias', { name: `alias/${props.alias}`, targetKeyId: this.key.keyId, provider: props.provider });
    this.arn = this.key.arn;
  }
}
