import { EksPodIdentityAssociation } from '@cdktf/provider-aws/lib/eks-pod-identity-association';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { describe, expect, test } from 'vitest';
import type { PolicyStatement } from '../../constructs/aws/iam-policy.js';
import { PodIdentityRole, type PodIdentityRoleProps } from '../../constructs/aws/pod-identity-role.js';
import { all, awsStack, only, ref, statements, synth } from './construct-stack.js';

const identity = { namespace: 'velero', serviceAccount: 'velero-server', roleName: 'prod-use1-velero' };
const READ: PolicyStatement = { Sid: 'ReadBackups', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::backups/*' };

function build(props: Partial<PodIdentityRoleProps> = {}) {
  const stack = awsStack();
  new PodIdentityRole(stack, 'velero', { clusterName: 'prod-use1', identity, ...props });
  return synth(stack);
}

describe('PodIdentityRole', () => {
  test('assumable only by EKS Pod Identity, for sessions tagged with its cluster, namespace and service account', () => {
    const role = only(build(), IamRole.tfResourceType);
    expect(role.name).toBe('prod-use1-velero');
    expect(JSON.parse(role.assume_role_policy).Statement).toEqual([
      {
        Effect: 'Allow',
        Principal: { Service: 'pods.eks.amazonaws.com' },
        Action: ['sts:AssumeRole', 'sts:TagSession'],
        Condition: {
          StringEquals: {
            'aws:RequestTag/eks-cluster-name': 'prod-use1',
            'aws:RequestTag/kubernetes-namespace': 'velero',
            'aws:RequestTag/kubernetes-service-account': 'velero-server',
          },
        },
      },
    ]);
  });

  test('bound to one service account of one cluster by default', () => {
    const out = build();
    expect(only(out, EksPodIdentityAssociation.tfResourceType)).toEqual({
      cluster_name: 'prod-use1',
      namespace: 'velero',
      service_account: 'velero-server',
      role_arn: ref(out, IamRole.tfResourceType, 'arn'),
    });
  });

  test('no association when an EKS add-on creates its own', () => {
    expect(all(build({ associate: false }), EksPodIdentityAssociation.tfResourceType)).toEqual([]);
  });

  test('without statements or managed policies the role can do nothing', () => {
    const out = build();
    expect(all(out, IamRolePolicy.tfResourceType)).toEqual([]);
    expect(all(out, IamRolePolicyAttachment.tfResourceType)).toEqual([]);
  });

  test('the least-privilege statements become its one inline policy, unchanged', () => {
    const out = build({ statements: [READ] });
    const policy = only(out, IamRolePolicy.tfResourceType);
    expect(policy).toMatchObject({ name: 'least-privilege', role: ref(out, IamRole.tfResourceType, 'id') });
    expect(statements(policy.policy)).toEqual({ ReadBackups: READ });
  });

  test('AWS managed policies are attached one by one', () => {
    const arns = ['arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy', 'arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy'];
    const out = build({ managedPolicyArns: arns });
    expect(all(out, IamRolePolicyAttachment.tfResourceType).map((a) => [a.role, a.policy_arn])).toEqual(
      arns.map((arn) => [ref(out, IamRole.tfResourceType, 'name'), arn]),
    );
  });
});
