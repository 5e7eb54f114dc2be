import { describe, expect, it } from 'vitest';
import { awsFoundations } from '../../policies/packs/aws-foundations.js';
import type { AwsRule } from '../../policies/types.js';
import { awsContext, stackResources } from '../../policies/terraform.js';
import { platformConfig } from '../support/platform.js';
import { awsVerdict, ref, TAGS, tfStack } from './fixtures.js';

type Resources = Record<string, Record<string, Record<string, unknown>>>;

interface Case {
  readonly rule: string;
  readonly address: string;
  readonly passing: Resources;
  readonly failing: Resources;
  readonly detail: RegExp;
  /** Data sources both fixtures read. @default {} */
  readonly data?: Resources;
}

const kmsArn = ref('aws_kms_key.k.arn');
const bucketId = ref('aws_s3_bucket.b.id');
const tlsDeny = JSON.stringify({
  Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }],
});
const pab = {
  bucket: bucketId,
  block_public_acls: true,
  block_public_policy: true,
  ignore_public_acls: true,
  restrict_public_buckets: true,
};
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

const prefixLists: Resources = {
  aws_ec2_managed_prefix_list: {
    cf: { name: 'com.amazonaws.global.cloudfront.origin-facing' },
    r53: { name: 'com.amazonaws.us-east-1.route53-healthchecks' },
  },
};
/** An internet-facing ALB, its security group admitting `source`, a 403 default and one forwarding rule with `conditions`. */
const originAlb = (source: Record<string, unknown>, conditions: Record<string, unknown>[]): Resources => ({
  aws_lb: { alb: { internal: false, load_balancer_type: 'application', security_groups: [ref('aws_security_group.edge.id')] } },
  aws_security_group: { edge: { name: 'edge' } },
  aws_vpc_security_group_ingress_rule: {
    https: { security_group_id: ref('aws_security_group.edge.id'), ip_protocol: 'tcp', from_port: 443, to_port: 443, ...source },
  },
  aws_lb_listener: {
    https: {
      load_balancer_arn: ref('aws_lb.alb.arn'),
      default_action: [{ type: 'fixed-response', fixed_response: { status_code: '403' } }],
    },
  },
  aws_lb_listener_rule: {
    forward: {
      listener_arn: ref('aws_lb_listener.https.arn'),
      action: [{ type: 'forward', target_group_arn: ref('aws_lb_target_group.tg.arn') }],
      condition: conditions,
    },
  },
});
const cloudfrontOnly = { prefix_list_id: ref('data.aws_ec2_managed_prefix_list.cf.id') };
const verifyHeader = [{ http_header: { http_header_name: 'X-Origin-Verify', values: ['s3cret'] } }];

const CASES: Case[] = [
  {
    rule: 'rds-storage-encrypted',
    address: 'aws_db_instance.db',
    passing: db({}),
    failing: db({ storage_encrypted: false }),
    detail: /storage_encrypted/,
  },
  {
    rule: 's3-bucket-encrypted',
    address: 'aws_s3_bucket.b',
    passing: {
      aws_s3_bucket: { b: { bucket: 'x' } },
      aws_s3_bucket_server_side_encryption_configuration: {
        e: {
          bucket: bucketId,
          rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms', kms_master_key_id: kmsArn } }],
        },
      },
    },
    failing: {
      aws_s3_bucket: { b: { bucket: 'x' } },
      aws_s3_bucket_server_side_encryption_configuration: {
        e: { bucket: bucketId, rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } }] },
      },
    },
    detail: /sse_algorithm aws:kms/,
  },
  {
    rule: 'ebs-volumes-encrypted',
    address: 'aws_launch_template.lt',
    passing: launchTemplate({}),
    failing: launchTemplate({ block_device_mappings: [{ device_name: '/dev/xvda', ebs: { volume_size: 50 } }] }),
    detail: /\/dev\/xvda is not encrypted/,
  },
  {
    rule: 'eks-secrets-encrypted',
    address: 'aws_eks_cluster.c',
    passing: eks({}),
    failing: eks({ encryption_config: undefined }),
    detail: /encryption_config/,
  },
  {
    rule: 'sns-topic-encrypted',
    address: 'aws_sns_topic.t',
    passing: { aws_sns_topic: { t: { kms_master_key_id: kmsArn } } },
    failing: { aws_sns_topic: { t: { name: 'alerts' } } },
    detail: /kms_master_key_id/,
  },
  {
    rule: 'log-group-encrypted',
    address: 'aws_cloudwatch_log_group.l',
    passing: { aws_cloudwatch_log_group: { l: { kms_key_id: kmsArn, retention_in_days: 365 } } },
    failing: { aws_cloudwatch_log_group: { l: { retention_in_days: 365 } } },
    detail: /kms_key_id/,
  },
  {
    rule: 'rds-not-public',
    address: 'aws_db_instance.db',
    passing: db({ publicly_accessible: false }),
    failing: db({ publicly_accessible: true }),
    detail: /publicly_accessible/,
  },
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
  {
    rule: 'internet-alb-behind-cloudfront',
    address: 'aws_lb.alb',
    passing: originAlb(cloudfrontOnly, verifyHeader),
    failing: originAlb({ cidr_ipv4: '0.0.0.0/0' }, verifyHeader),
    detail: /admits 0\.0\.0\.0\/0; no security group admits the CloudFront origin-facing prefix list/,
    data: prefixLists,
  },
  {
    rule: 'imdsv2-required',
    address: 'aws_launch_template.lt',
    passing: launchTemplate({}),
    failing: launchTemplate({ metadata_options: { http_tokens: 'optional' } }),
    detail: /http_tokens/,
  },
  {
    rule: 's3-public-access-blocked',
    address: 'aws_s3_bucket.b',
    passing: { aws_s3_bucket: { b: { bucket: 'x' } }, aws_s3_bucket_public_access_block: { p: pab } },
    failing: {
      aws_s3_bucket: { b: { bucket: 'x' } },
      aws_s3_bucket_public_access_block: { p: { ...pab, restrict_public_buckets: false } },
    },
    detail: /restrict_public_buckets/,
  },
  {
    rule: 's3-tls-only',
    address: 'aws_s3_bucket.b',
    passing: { aws_s3_bucket: { b: { bucket: 'x' } }, aws_s3_bucket_policy: { p: { bucket: bucketId, policy: tlsDeny } } },
    failing: {
      aws_s3_bucket: { b: { bucket: 'x' } },
      aws_s3_bucket_policy: { p: { bucket: bucketId, policy: policyWith({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }) } },
    },
    detail: /aws:SecureTransport/,
  },
  {
    rule: 'kms-key-rotation-enabled',
    address: 'aws_kms_key.k',
    passing: { aws_kms_key: { k: { enable_key_rotation: true } } },
    failing: { aws_kms_key: { k: { enable_key_rotation: false } } },
    detail: /enable_key_rotation/,
  },
  {
    rule: 'stateful-deletion-protected',
    address: 'aws_s3_bucket.b',
    passing: { aws_s3_bucket: { b: { bucket: 'x', lifecycle: { prevent_destroy: true } } } },
    failing: { aws_s3_bucket: { b: { bucket: 'x' } } },
    detail: /prevent_destroy/,
  },
  {
    rule: 'backup-retention-compliant',
    address: 'aws_db_instance.db',
    passing: db({}),
    failing: db({ backup_retention_period: 1 }),
    detail: /backup_retention_period is 1 days/,
  },
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

  describe.each(CASES)('$rule', ({ rule: id, address, passing, failing, detail, data }) => {
    it('passes a compliant resource', () => {
      expect(awsVerdict(rule(id), passing, address, { data })).toBe('compliant');
    });
    it('flags a non-compliant resource', () => {
      expect(awsVerdict(rule(id), failing, address, { data })).toEqual({ violation: expect.stringMatching(detail) });
    });
  });
});

describe('rule details', () => {
  it('reads a bucket policy written as an aws_iam_policy_document data source', () => {
    const resources = {
      aws_s3_bucket: { b: { bucket: 'x' } },
      aws_s3_bucket_policy: { p: { bucket: bucketId, policy: ref('data.aws_iam_policy_document.d.json') } },
    };
    const document = (effect: string) => ({
      aws_iam_policy_document: {
        d: {
          statement: [{ effect, actions: ['s3:*'], condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }] }],
        },
      },
    });
    expect(awsVerdict(rule('s3-tls-only'), resources, 'aws_s3_bucket.b', { data: document('Deny') })).toBe('compliant');
    expect(awsVerdict(rule('s3-tls-only'), resources, 'aws_s3_bucket.b', { data: document('Allow') })).not.toBe('compliant');
  });

  it('lets an S3 access-log target use SSE-S3, the only encryption log delivery supports', () => {
    const resources = {
      aws_s3_bucket: { b: { bucket: 'x' } },
      aws_s3_bucket_server_side_encryption_configuration: {
        e: { bucket: bucketId, rule: { apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } } },
      },
      aws_s3_bucket_logging: { l: { bucket: 'other', target_bucket: bucketId } },
    };
    expect(awsVerdict(rule('s3-bucket-encrypted'), resources, 'aws_s3_bucket.b')).toBe('compliant');
  });

  it('flags provider default_tags that miss a taxonomy key', () => {
    const withoutTeam: Record<string, string> = Object.fromEntries(Object.entries(TAGS).filter(([key]) => key !== 'Team'));
    expect(awsVerdict(rule('mandatory-tags-present'), {}, 'provider.aws')).toBe('compliant');
    expect(awsVerdict(rule('mandatory-tags-present'), {}, 'provider.aws', { providerTags: withoutTeam })).toEqual({
      violation: 'missing tag Team',
    });
  });

  it('flags launch templates whose instance tags miss the taxonomy (default_tags do not reach instances)', () => {
    const lt = (tags: Record<string, string>) => ({
      aws_launch_template: { lt: { tag_specifications: [{ resource_type: 'instance', tags }] } },
    });
    expect(awsVerdict(rule('mandatory-tags-present'), lt(TAGS), 'aws_launch_template.lt')).toBe('compliant');
    expect(awsVerdict(rule('mandatory-tags-present'), lt({ Name: 'x' }), 'aws_launch_template.lt')).toEqual({
      violation: expect.stringMatching(/tag_specifications\[instance\]: missing tag CostCentre/),
    });
  });

  it('accepts a public EKS endpoint only with named CIDRs', () => {
    expect(awsVerdict(rule('eks-endpoint-restricted'), eks({ vpc_config: { endpoint_public_access: true } }), 'aws_eks_cluster.c')).toEqual(
      {
        violation: expect.stringMatching(/without public_access_cidrs/),
      },
    );
  });

  it('does not allow a load balancer to open other ports to the internet', () => {
    const resources = {
      aws_security_group: { lb: { ingress: [{ cidr_blocks: ['0.0.0.0/0'], from_port: 80, to_port: 80, protocol: 'tcp' }] } },
      aws_lb: { alb: { security_groups: [ref('aws_security_group.lb.id')] } },
    };
    expect(awsVerdict(rule('ingress-restricted'), resources, 'aws_security_group.lb')).toEqual({
      violation: expect.stringMatching(/tcp 80-80/),
    });
  });

  it('refuses an internet-facing ALB that forwards without the origin-verify header, except on the health-check path', () => {
    const alb = rule('internet-alb-behind-cloudfront');
    const options = { data: prefixLists };
    expect(awsVerdict(alb, originAlb(cloudfrontOnly, [{ path_pattern: { values: ['/v1/*'] } }]), 'aws_lb.alb', options)).toEqual({
      violation: 'aws_lb_listener_rule.forward forwards without the X-Origin-Verify header',
    });
    // Route53 health checkers cannot send the header: the exact health path of the stack's environment may pass without it.
    const health = originAlb(cloudfrontOnly, [{ path_pattern: { values: ['/healthz'] } }]);
    const inProd = (resources: Resources) => {
      const all = stackResources(tfStack(resources, 'prod-us-east-1-ingress', TAGS, prefixLists));
      const lb = all.find((r) => r.address === 'aws_lb.alb');
      if (!lb) throw new Error('no aws_lb.alb');
      return alb.check(lb, awsContext(platformConfig(), all));
    };
    expect(inProd(health)).toBe('compliant');
    expect(awsVerdict(alb, health, 'aws_lb.alb', options)).not.toBe('compliant'); // dev has no DNS failover, hence no health path
    const forwardByDefault = originAlb(cloudfrontOnly, verifyHeader);
    forwardByDefault.aws_lb_listener = {
      https: { load_balancer_arn: ref('aws_lb.alb.arn'), default_action: [{ type: 'forward', target_group_arn: 'tg' }] },
    };
    expect(awsVerdict(alb, forwardByDefault, 'aws_lb.alb', options)).toEqual({
      violation: expect.stringMatching(/aws_lb_listener\.https forwards by default/),
    });
    const withWaf = {
      ...forwardByDefault,
      aws_wafv2_web_acl_association: { waf: { resource_arn: ref('aws_lb.alb.arn'), web_acl_arn: 'acl' } },
    };
    expect(awsVerdict(alb, withWaf, 'aws_lb.alb', options)).toBe('compliant');
    const internal = originAlb({ cidr_ipv4: '10.0.0.0/8' }, []);
    (internal.aws_lb as Record<string, Record<string, unknown>>).alb = { internal: true };
    expect(awsVerdict(alb, internal, 'aws_lb.alb', options)).toBe('not-applicable');
  });

  it('lets a load balancer access-log target use SSE-S3, the only encryption ELB log delivery supports', () => {
    const resources = {
      aws_s3_bucket: { b: { bucket: 'x' } },
      aws_s3_bucket_server_side_encryption_configuration: {
        e: { bucket: bucketId, rule: { apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } } },
      },
      aws_lb: { alb: { access_logs: { bucket: ref('aws_s3_bucket.b.bucket'), enabled: true } } },
    };
    expect(awsVerdict(rule('s3-bucket-encrypted'), resources, 'aws_s3_bucket.b')).toBe('compliant');
    expect(awsVerdict(rule('s3-bucket-encrypted'), { ...resources, aws_lb: { alb: { name: 'x' } } }, 'aws_s3_bucket.b')).not.toBe(
      'compliant',
    );
  });

  it('flags AdministratorAccess attached to a role', () => {
    const resources = { aws_iam_role_policy_attachment: { a: { policy_arn: 'arn:aws:iam::aws:policy/AdministratorAccess', role: 'r' } } };
    expect(awsVerdict(rule('iam-no-admin-wildcard'), resources, 'aws_iam_role_policy_attachment.a')).toEqual({
      violation: expect.stringMatching(/AdministratorAccess/),
    });
  });

  it('keeps backup plans within the regulations window of the backups class', () => {
    const plan = (days: number) => ({ aws_backup_plan: { p: { rule: [{ rule_name: 'daily', lifecycle: { delete_after: days } }] } } });
    expect(awsVerdict(rule('backup-retention-compliant'), plan(35), 'aws_backup_plan.p')).toBe('compliant');
    expect(awsVerdict(rule('backup-retention-compliant'), plan(365), 'aws_backup_plan.p')).toEqual({
      violation: expect.stringMatching(/365 days \(allowed 30-90\)/),
    });
  });
});
