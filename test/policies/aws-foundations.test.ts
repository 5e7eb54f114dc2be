import { describe, expect, it } from 'vitest';
import { awsFoundations } from '../../policies/packs/aws-foundations.js';
import type { AwsRule } from '../../policies/types.js';
import { awsVerdict, ref, TAGS } from './fixtures.js';

type Resources = Record<string, Record<string, Record<string, unknown>>>;

interface Case {
  readonly rule: string;
  readonly address: string;
  readonly passing: Resources;
  readonly failing: Resources;
  readonly detail: RegExp;
}

const kmsArn = ref('aws_kms_key.k.arn');
const bucketId = ref('aws_s3_bucket.b.id');
const tlsDeny = JSON.stringify({
  Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }],
});
const pab = { bucket: bucketId, block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true };
const policyWith = (statement: Record<string, unknown>) => JSON.stringify({ Version: '2012-10-17', Statement: [statement] });
const launchTemplate = (overrides: Record<string, unknown>) => ({
  aws_launch_template: {
    lt: {
      block_device_mappings: [{ device_name: '/dev/xvda', ebs: { encrypted: 'true', kms_key_id: kmsArn } }],
      metadata_options: { http_tokens: 'required' },
      ...overrides,
    },
  },
});
const eks = (overrides: Record<string, unknown>) => ({
  aws_eks_cluster: {
    c: {
      encryption_config: { provider: { key_arn: kmsArn }, resources: ['secrets'] },
      vpc_config: { endpoint_private_access: true, endpoint_public_access: false },
      ...overrides,
    },
  },
});
const db = (overrides: Record<string, unknown>) => ({
  aws_db_instance: { db: { storage_encrypted: true, deletion_protection: true, backup_retention_period: 35, ...overrides } },
});

const CASES: Case[] = [
  { rule: 'rds-storage-encrypted', address: 'aws_db_instance.db', passing: db({}), failing: db({ storage_encrypted: false }), detail: /storage_encrypted/ },
  {
    rule: 's3-bucket-encrypted',
    address: 'aws_s3_bucket.b',
    passing: {
      aws_s3_bucket: { b: { bucket: 'x' } },
      aws_s3_bucket_server_side_encryption_configuration: { e: { bucket: bucketId, rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms', kms_master_key_id: kmsArn } }] } },
    },
    failing: {
      aws_s3_bucket: { b: { bucket: 'x' } },
      aws_s3_bucket_server_side_encryption_configuration: { e: { bucket: bucketId, rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } }] } },
    },
    detail: /sse_algorithm aws:kms/,
  },
  { rule: 'ebs-volumes-encrypted', address: 'aws_launch_template.lt', passing: launchTemplate({}), failing: launchTemplate({ block_device_mappings: [{ device_name: '/dev/xvda', ebs: { volume_size: 50 } }] }), detail: /\/dev\/xvda is not encrypted/ },
  { rule: 'eks-secrets-encrypted', address: 'aws_eks_cluster.c', passing: eks({}), failing: eks({ encryption_config: undefined }), detail: /encryption_config/ },
  { rule: 'sns-topic-encrypted', address: 'aws_sns_topic.t', passing: { aws_sns_topic: { t: { kms_master_key_id: kmsArn } } }, failing: { aws_sns_topic: { t: { name: 'alerts' } } }, detail: /kms_master_key_id/ },
  { rule: 'log-group-encrypted', address: 'aws_cloudwatch_log_group.l', passing: { aws_cloudwatch_log_group: { l: { kms_key_id: kmsArn, retention_in_days: 365 } } }, failing: { aws_cloudwatch_log_group: { l: { retention_in_days: 365 } } }, detail: /kms_key_id/ },
  { rule: 'rds-not-public', address: 'aws_db_instance.db', passing: db({ publicly_accessible: false }), failing: db({ publicly_accessible: true }), detail: /publicly_accessible/ },
  {
    rule: 'ingress-restricted',
    address: 'aws_security_group.lb',
    passing: {
      aws_security_group: { lb: { ingress: [{ cidr_blocks: ['0.0.0.0/0'], from_port: 443, to_port: 443, protocol: 'tcp' }] } },
      aws_lb: { alb: { security_groups: [ref('aws_security_group.lb.id')] } },
    },
    failing: { aws_security_group: { lb: { ingress: [{ cidr_blocks: ['0.0.0.0/0'], from_port: 443, to_port: 443, protocol: 'tcp' }] } } },
    detail: /0\.0\.0\.0\/0 \(not a load balancer\)/,
  },
  { rule: 'imdsv2-required', address: 'aws_launch_template.lt', passing: launchTemplate({}), failing: launchTemplate({ metadata_options: { http_tokens: 'optional' } }), detail: /http_tokens/ },
  {
    rule: 's3-public-access-blocked',
    address: 'aws_s3_bucket.b',
    passing: { aws_s3_bucket: { b: { bucket: 'x' } }, aws_s3_bucket_public_access_block: { p: pab } },
    failing: { aws_s3_bucket: { b: { bucket: 'x' } }, aws_s3_bucket_public_access_block: { p: { ...pab, restrict_public_buckets: false } } },
    detail: /restrict_public_buckets/,
  },
  {
    rule: 's3-tls-only',
    address: 'aws_s3_bucket.b',
    passing: { aws_s3_bucket: { b: { bucket: 'x' } }, aws_s3_bucket_policy: { p: { bucket: bucketId, policy: tlsDeny } } },
    failing: { aws_s3_bucket: { b: { bucket: 'x' } }, aws_s3_bucket_policy: { p: { bucket: bucketId, policy: policyWith({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }) } } },
    detail: /aws:SecureTransport/,
  },
  { rule: 'kms-key-rotation-enabled', address: 'aws_kms_key.k', passing: { aws_kms_key: { k: { enable_key_rotation: true } } }, failing: { aws_kms_key: { k: { enable_key_rotation: false } } }, detail: /enable_key_rotation/ },
  {
    rule: 'stateful-deletion-protected',
    address: 'aws_s3_bucket.b',
    passing: { aws_s3_bucket: { b: { bucket: 'x', lifecycle: { prevent_destroy: true } } } },
    failing: { aws_s3_bucket: { b: { bucket: 'x' } } },
    detail: /prevent_destroy/,
  },
  { rule: 'backup-retention-compliant', address: 'aws_db_instance.db', passing: db({}), failing: db({ backup_retention_period: 1 }), detail: /backup_retention_period is 1 days/ },
  {
    rule: 'log-retention-from-table',
    address: 'aws_cloudwatch_log_group.l',
    passing: { aws_cloudwatch_log_group: { l: { kms_key_id: kmsArn, retention_in_days: 365 } } },
    failing: { aws_cloudwatch_log_group: { l: { kms_key_id: kmsArn } } },
    detail: /kept forever/,
  },
  {
    rule: 'mandatory-tags-present',
    address: 'aws_s3_bucket.b',
    passing: { aws_s3_bucket: { b: { bucket: 'x', tags: { Name: 'x' } } } },
    failing: { aws_s3_bucket: { b: { bucket: 'x', tags: { ManagedBy: 'console' } } } },
    detail: /ManagedBy=console is not one of terraform, argocd/,
  },
  {
    rule: 'iam-no-admin-wildcard',
    address: 'aws_iam_role_policy.p',
    passing: { aws_iam_role_policy: { p: { policy: policyWith({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }) } } },
    failing: { aws_iam_role_policy: { p: { policy: policyWith({ Effect: 'Allow', Action: '*', Resource: '*' }) } } },
    detail: /action "\*" on resource "\*"/,
  },
  {
    rule: 'eks-endpoint-restricted',
    address: 'aws_eks_cluster.c',
    passing: eks({ vpc_config: { endpoint_public_access: true, public_access_cidrs: ['203.0.113.0/24'] } }),
    failing: eks({ vpc_config: { endpoint_public_access: true, public_access_cidrs: ['0.0.0.0/0'] } }),
    detail: /open to 0\.0\.0\.0\/0/,
  },
];

const rule = (id: string): AwsRule => {
  const entry = awsFoundations.entries.find((e) => e.rule.id === id);
  if (!entry) throw new Error(`no rule ${id} in aws-foundations`);
  return entry.rule;
};

describe('aws-foundations pack', () => {
  it('has a passing and a failing case for every rule', () => {
    expect(CASES.map((c) => c.rule).sort()).toEqual(awsFoundations.entries.map((e) => e.rule.id).sort());
  });

  describe.each(CASES)('$rule', ({ rule: id, address, passing, failing, detail }) => {
    it('passes a compliant resource', () => {
      expect(awsVerdict(rule(id), passing, address)).toBe('compliant');
    });
    it('flags a non-compliant resource', () => {
      expect(awsVerdict(rule(id), failing, address)).toEqual({ violation: expect.stringMatching(detail) });
    });
  });
});

describe('rule details', () => {
  it('reads a bucket policy written as an aws_iam_policy_document data source', () => {
    const resources = { aws_s3_bucket: { b: { bucket: 'x' } }, aws_s3_bucket_policy: { p: { bucket: bucketId, policy: ref('data.aws_iam_policy_document.d.json') } } };
    const document = (effect: string) => ({
      aws_iam_policy_document: { d: { statement: [{ effect, actions: ['s3:*'], condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }] }] } },
    });
    expect(awsVerdict(rule('s3-tls-only'), resources, 'aws_s3_bucket.b', { data: document('Deny') })).toBe('compliant');
    expect(awsVerdict(rule('s3-tls-only'), resources, 'aws_s3_bucket.b', { data: document('Allow') })).not.toBe('compliant');
  });

  it('lets an S3 access-log target use SSE-S3, the only encryption log delivery supports', () => {
    const resources = {
      aws_s3_bucket: { b: { bucket: 'x' } },
      aws_s3_bucket_server_side_encryption_configuration: { e: { bucket: bucketId, rule: { apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } } } },
      aws_s3_bucket_logging: { l: { bucket: 'other', target_bucket: bucketId } },
    };
    expect(awsVerdict(rule('s3-bucket-encrypted'), resources, 'aws_s3_bucket.b')).toBe('compliant');
  });

  it('flags provider default_tags that miss a taxonomy key', () => {
    const withoutTeam: Record<string, string> = Object.fromEntries(Object.entries(TAGS).filter(([key]) => key !== 'Team'));
    expect(awsVerdict(rule('mandatory-tags-present'), {}, 'provider.aws')).toBe('compliant');
    expect(awsVerdict(rule('mandatory-tags-present'), {}, 'provider.aws', { providerTags: withoutTeam })).toEqual({ violation: 'missing tag Team' });
  });

  it('flags launch templates whose instance tags miss the taxonomy (default_tags do not reach instances)', () => {
    const lt = (tags: Record<string, string>) => ({ aws_launch_template: { lt: { tag_specifications: [{ resource_type: 'instance', tags }] } } });
    expect(awsVerdict(rule('mandatory-tags-present'), lt(TAGS), 'aws_launch_template.lt')).toBe('compliant');
    expect(awsVerdict(rule('mandatory-tags-present'), lt({ Name: 'x' }), 'aws_launch_template.lt')).toEqual({ violation: expect.stringMatching(/tag_specifications\[instance\]: missing tag CostCentre/) });
  });

  it('accepts a public EKS endpoint only with named CIDRs', () => {
    expect(awsVerdict(rule('eks-endpoint-restricted'), eks({ vpc_config: { endpoint_public_access: true } }), 'aws_eks_cluster.c')).toEqual({
      violation: expect.stringMatching(/without public_access_cidrs/),
    });
  });

  it('does not allow a load balancer to open other ports to the internet', () => {
    const resources = {
      aws_security_group: { lb: { ingress: [{ cidr_blocks: ['0.0.0.0/0'], from_port: 80, to_port: 80, protocol: 'tcp' }] } },
      aws_lb: { alb: { security_groups: [ref('aws_security_group.lb.id')] } },
    };
    expect(awsVerdict(rule('ingress-restricted'), resources, 'aws_security_group.lb')).toEqual({ violation: expect.stringMatching(/tcp 80-80/) });
  });

  it('flags AdministratorAccess attached to a role', () => {
    const resources = { aws_iam_role_policy_attachment: { a: { policy_arn: 'arn:aws:iam::aws:policy/AdministratorAccess', role: 'r' } } };
    expect(awsVerdict(rule('iam-no-admin-wildcard'), resources, 'aws_iam_role_policy_attachment.a')).toEqual({ violation: expect.stringMatching(/AdministratorAccess/) });
  });

  it('keeps backup plans within the regulations window of the backups class', () => {
    const plan = (days: number) => ({ aws_backup_plan: { p: { rule: [{ rule_name: 'daily', lifecycle: { delete_after: days } }] } } });
    expect(awsVerdict(rule('backup-retention-compliant'), plan(35), 'aws_backup_plan.p')).toBe('compliant');
    expect(awsVerdict(rule('backup-retention-compliant'), plan(365), 'aws_backup_plan.p')).toEqual({ violation: expect.stringMatching(/365 days \(allowed 30-90\)/) });
  });
});
