import { EksAccessEntry } from '@cdktf/provider-aws/lib/eks-access-entry';
import { EksAccessPolicyAssociation } from '@cdktf/provider-aws/lib/eks-access-policy-association';
import { describe, expect, test } from 'vitest';
import { CiClusterAccess } from '../../constructs/aws/ci-cluster-access.js';
import { all, awsStack, ref, synth } from './construct-stack.js';

const DEPLOY = 'arn:aws:iam::111122223333:role/ci-deploy';
const READ_ONLY = 'arn:aws:iam::111122223333:role/ci-read-only';

function build(
  principals = [
    { roleArn: DEPLOY, kubernetesGroup: 'ci:deploy' },
    { roleArn: READ_ONLY, kubernetesGroup: 'ci:load-test' },
  ],
) {
  const stack = awsStack();
  new CiClusterAccess(stack, 'ci', { clusterName: 'prod-use1', principals });
  return synth(stack);
}

describe('CiClusterAccess', () => {
  test('each CI role gets a standard access entry carrying its own Kubernetes group', () => {
    const out = build();
    expect(all(out, EksAccessEntry.tfResourceType)).toEqual([
      { cluster_name: 'prod-use1', principal_arn: DEPLOY, type: 'STANDARD', kubernetes_groups: ['ci:deploy'] },
      { cluster_name: 'prod-use1', principal_arn: READ_ONLY, type: 'STANDARD', kubernetes_groups: ['ci:load-test'] },
    ]);
  });

  test('each entry is associated with the cluster-wide view policy, and nothing stronger', () => {
    const out = build();
    const associations = all(out, EksAccessPolicyAssociation.tfResourceType);
    expect(associations).toHaveLength(2);
    for (const a of associations)
      expect(a).toMatchObject({
        cluster_name: 'prod-use1',
        policy_arn: 'arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy',
        access_scope: { type: 'cluster' },
      });
    expect(associations.map((a) => a.principal_arn).sort()).toEqual(
      [
        ref(out, EksAccessEntry.tfResourceType, 'principal_arn', DEPLOY),
        ref(out, EksAccessEntry.tfResourceType, 'principal_arn', READ_ONLY),
      ].sort(),
    );
  });

  test('no principals, no access', () => {
    const out = build([]);
    expect(all(out, EksAccessEntry.tfResourceType)).toEqual([]);
    expect(all(out, EksAccessPolicyAssociation.tfResourceType)).toEqual([]);
  });
});
