import { describe, expect, it } from 'vitest';
import { awsLeastPrivilege } from '../../policies/packs/aws-least-privilege.js';
import type { AwsRule } from '../../policies/types.js';
import { awsVerdict, ref } from './fixtures.js';

type Resources = Record<string, Record<string, Record<string, unknown>>>;

interface Case {
  readonly rule: string;
  readonly address: string;
  readonly passing: Resources;
  readonly failing: Resources;
  readonly detail: RegExp;
}

const doc = (...statements: Record<string, unknown>[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
const rolePolicy = (...statements: Record<string, unknown>[]): Resources => ({
  aws_iam_role_policy: { p: { role: 'r', policy: doc(...statements) } },
});
const owned = { StringEquals: { 'aws:ResourceTag/kubernetes.io/cluster/c': 'owned' } };
// The fixture stack's provider is in us-east-1 (test/policies/fixtures.ts); dev's account is 210987654321.
const PEER_REPLICA = 'arn:aws:s3:::tradesense-prod-velero-us-west-2-410987654321';
const BOUNDARY = 'arn:aws:iam::210987654321:policy/github-actions-deploy-boundary';
const role = (extra: Record<string, unknown>): Resources => ({
  aws_iam_role: { r: { name: 'dev-us-east-1-x', assume_role_policy: doc(), ...extra } },
});
const template = (extra: Record<string, unknown>): Resources => ({
  aws_ecr_repository_creation_template: {
    t: { prefix: 'quay', encryption_configuration: [{ encryption_type: 'KMS', kms_key: ref('aws_kms_key.k.arn') }], ...extra },
  },
});

const CASES: Case[] = [
  {
    rule: 'iam-tag-on-create-scoped',
    address: 'aws_iam_role_policy.p',
    passing: rolePolicy({
      Effect: 'Allow',
      Action: 'ec2:CreateTags',
      Resource: '*',
      Condition: { StringEquals: { 'ec2:CreateAction': ['RunInstances'] } },
    }),
    failing: rolePolicy({
      Effect: 'Allow',
      Action: ['ec2:RunInstances', 'ec2:CreateTags'],
      Resource: '*',
      Condition: { StringEquals: { 'aws:RequestedRegion': 'us-east-1' } },
    }),
    detail: /ec2:CreateTags is allowed without an ec2:CreateAction condition/,
  },
  {
    rule: 'iam-delete-owner-scoped',
    address: 'aws_iam_role_policy.p',
    passing: rolePolicy({ Effect: 'Allow', Action: ['ec2:TerminateInstances'], Resource: '*', Condition: owned }),
    failing: rolePolicy({
      Effect: 'Allow',
      Action: ['ec2:TerminateInstances', 'ec2:DeleteLaunchTemplate'],
      Resource: '*',
      Condition: { StringEquals: { 'aws:RequestedRegion': 'us-east-1' } },
    }),
    detail: /ec2:TerminateInstances, ec2:DeleteLaunchTemplate allowed on \* without an aws:ResourceTag/,
  },
  {
    rule: 'iam-peer-replicas-read-only',
    address: 'aws_iam_role_policy.p',
    passing: rolePolicy({ Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket'], Resource: [PEER_REPLICA, `${PEER_REPLICA}/*`] }),
    failing: rolePolicy({ Effect: 'Allow', Action: ['s3:GetObject', 's3:DeleteObject'], Resource: `${PEER_REPLICA}/*` }),
    detail: /s3:DeleteObject on tradesense-prod-velero-us-west-2-410987654321, the replica bucket in us-west-2/,
  },
  {
    rule: 'iam-role-changes-require-boundary',
    address: 'aws_iam_role_policy.p',
    passing: rolePolicy({
      Effect: 'Allow',
      Action: ['iam:CreateRole', 'iam:PutRolePolicy'],
      Resource: '*',
      Condition: { StringEquals: { 'iam:PermissionsBoundary': BOUNDARY } },
    }),
    failing: rolePolicy({ Effect: 'Allow', Action: ['iam:*Role*'], Resource: 'arn:aws:iam::210987654321:role/dev-*' }),
    detail:
      /iam:CreateRole, iam:PutRolePolicy, iam:AttachRolePolicy, iam:PutRolePermissionsBoundary allowed without an iam:PermissionsBoundary condition/,
  },
  {
    rule: 'iam-role-has-permissions-boundary',
    address: 'aws_iam_role.r',
    passing: role({ permissions_boundary: BOUNDARY }),
    failing: role({}),
    detail: /no permissions_boundary; attach arn:aws:iam::.*:policy\/github-actions-deploy-boundary/,
  },
  {
    rule: 'ecr-template-kms-has-role',
    address: 'aws_ecr_repository_creation_template.t',
    passing: template({ custom_role_arn: ref('aws_iam_role.r.arn') }),
    failing: template({}),
    detail: /no custom_role_arn/,
  },
];

const rule = (id: string): AwsRule => {
  const entry = awsLeastPrivilege.entries.find((e) => e.rule.id === id);
  if (!entry) throw new Error(`no rule ${id} in aws-least-privilege`);
  return entry.rule;
};

describe('aws-least-privilege pack', () => {
  it('has a passing and a failing case for every rule', () => {
    expect(CASES.map((c) => c.rule).sort()).toEqual(awsLeastPrivilege.entries.map((e) => e.rule.id).sort());
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

describe('least-privilege rule details', () => {
  it('accepts tagging of owned resources, and tagging restricted to keys no ownership condition reads', () => {
    const onOwned = rolePolicy({ Effect: 'Allow', Action: 'ec2:CreateTags', Resource: '*', Condition: owned });
    expect(awsVerdict(rule('iam-tag-on-create-scoped'), onOwned, 'aws_iam_role_policy.p')).toBe('compliant');
    const markOnly = (keys: string[]) =>
      rolePolicy(
        { Effect: 'Allow', Action: 'ec2:CreateTags', Resource: '*', Condition: { 'ForAllValues:StringEquals': { 'aws:TagKeys': keys } } },
        {
          Effect: 'Allow',
          Action: 'ec2:DeleteVolume',
          Resource: '*',
          Condition: { StringEquals: { 'aws:ResourceTag/cleanup': 'allowed' } },
        },
      );
    expect(awsVerdict(rule('iam-tag-on-create-scoped'), markOnly(['idle-since']), 'aws_iam_role_policy.p')).toBe('compliant');
    expect(awsVerdict(rule('iam-tag-on-create-scoped'), markOnly(['idle-since', 'cleanup']), 'aws_iam_role_policy.p')).toEqual({
      violation: expect.stringMatching(/aws:TagKeys include an ownership tag/),
    });
  });

  it('reads wildcards and NotAction: ec2:* and NotAction iam:* both grant CreateTags', () => {
    for (const statement of [{ Action: 'ec2:*' }, { NotAction: 'iam:*' }]) {
      const resources = rolePolicy({ Effect: 'Allow', Resource: '*', ...statement });
      expect(awsVerdict(rule('iam-tag-on-create-scoped'), resources, 'aws_iam_role_policy.p')).not.toBe('compliant');
    }
  });

  it("lets a policy delete what it names, and a role write its own region's bucket", () => {
    const named = rolePolicy({ Effect: 'Allow', Action: 'ec2:DeleteSnapshot', Resource: 'arn:aws:ec2:us-east-1::snapshot/snap-0123' });
    expect(awsVerdict(rule('iam-delete-owner-scoped'), named, 'aws_iam_role_policy.p')).toBe('compliant');
    const ownRegion = rolePolicy({
      Effect: 'Allow',
      Action: 's3:PutObject',
      Resource: 'arn:aws:s3:::tradesense-prod-velero-us-east-1-410987654321/*',
    });
    expect(awsVerdict(rule('iam-peer-replicas-read-only'), ownRegion, 'aws_iam_role_policy.p')).toBe('compliant');
  });

  it('flags write on every bucket (Resource *) as a write on the peer replica', () => {
    const everything = rolePolicy({ Effect: 'Allow', Action: 's3:*', Resource: '*' });
    expect(awsVerdict(rule('iam-peer-replicas-read-only'), everything, 'aws_iam_role_policy.p')).toEqual({
      violation: expect.stringMatching(/replica bucket in us-west-2/),
    });
  });

  it('judges the permissions boundary as a ceiling: it must not allow role changes at all', () => {
    const boundary = (statement: Record<string, unknown>): Resources => ({
      aws_iam_policy: { b: { name: 'github-actions-deploy-boundary', policy: doc(statement) } },
    });
    const safe = boundary({ Effect: 'Allow', NotAction: ['iam:*', 'organizations:*', 'account:*'], Resource: '*' });
    expect(awsVerdict(rule('iam-role-changes-require-boundary'), safe, 'aws_iam_policy.b')).toBe('compliant');
    // A ceiling is not a grant: the tag and delete rules read the policies that grant.
    expect(awsVerdict(rule('iam-delete-owner-scoped'), safe, 'aws_iam_policy.b')).toBe('compliant');
    const escalating = boundary({
      Effect: 'Allow',
      Action: 'iam:CreateRole',
      Resource: '*',
      Condition: { StringEquals: { 'iam:PermissionsBoundary': BOUNDARY } },
    });
    expect(awsVerdict(rule('iam-role-changes-require-boundary'), escalating, 'aws_iam_policy.b')).toEqual({
      violation: 'the permissions boundary allows iam:CreateRole',
    });
  });

  it('accepts the boundary by reference to the policy of the same stack, exempts the deploy role, rejects another boundary', () => {
    const byReference = {
      ...role({ permissions_boundary: ref('aws_iam_policy.b.arn') }),
      aws_iam_policy: { b: { name: 'github-actions-deploy-boundary', policy: doc() } },
    };
    expect(awsVerdict(rule('iam-role-has-permissions-boundary'), byReference, 'aws_iam_role.r')).toBe('compliant');
    const deploy = { aws_iam_role: { r: { name: 'github-actions-deploy', assume_role_policy: doc() } } };
    expect(awsVerdict(rule('iam-role-has-permissions-boundary'), deploy, 'aws_iam_role.r')).toBe('not-applicable');
    const other = role({ permissions_boundary: 'arn:aws:iam::210987654321:policy/anything-goes' });
    expect(awsVerdict(rule('iam-role-has-permissions-boundary'), other, 'aws_iam_role.r')).toEqual({
      violation: expect.stringMatching(
        /is arn:aws:iam::210987654321:policy\/anything-goes, not arn:aws:iam::.*github-actions-deploy-boundary/,
      ),
    });
  });
});
