import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { DataAwsEksAddonVersion } from '@cdktf/provider-aws/lib/data-aws-eks-addon-version';
import { EksAccessEntry } from '@cdktf/provider-aws/lib/eks-access-entry';
import { EksAccessPolicyAssociation } from '@cdktf/provider-aws/lib/eks-access-policy-association';
import { EksAddon } from '@cdktf/provider-aws/lib/eks-addon';
import { EksCluster } from '@cdktf/provider-aws/lib/eks-cluster';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { describe, expect, test } from 'vitest';
import {
  CONTROL_PLANE_LOG_TYPES,
  MANAGED_ADDONS,
  PlatformEksCluster,
  type PlatformEksClusterProps,
} from '../../constructs/aws/eks-cluster.js';
import { address, all, awsStack, named, namedData, only, ref, synth } from './construct-stack.js';
import { eksSettings } from './fixtures.js';

const SECRETS_KEY = 'arn:aws:kms:us-east-1:111122223333:key/secrets';
const LOGS_KEY = 'arn:aws:kms:us-east-1:111122223333:key/logs';
const ADMIN = 'arn:aws:iam::111122223333:role/platform-admin';

function build(props: Partial<PlatformEksClusterProps> = {}) {
  const stack = awsStack();
  new PlatformEksCluster(stack, 'eks', {
    clusterName: 'prod-use1',
    settings: eksSettings(),
    subnetIds: ['subnet-a', 'subnet-b', 'subnet-c'],
    secretsKeyArn: SECRETS_KEY,
    logsKeyArn: LOGS_KEY,
    logRetentionDays: 365,
    ...props,
  });
  const out = synth(stack);
  return { out, cluster: only(out, EksCluster.tfResourceType) };
}

const addon = (out: ReturnType<typeof build>['out'], name: string) => named(out, EksAddon.tfResourceType, `"addon_name":"${name}"`);

describe('PlatformEksCluster', () => {
  test('private endpoint only by default', () => {
    expect(build().cluster.vpc_config).toEqual({
      subnet_ids: ['subnet-a', 'subnet-b', 'subnet-c'],
      endpoint_private_access: true,
      endpoint_public_access: false,
    });
  });

  test('a public endpoint only for the CIDRs given', () => {
    const { cluster } = build({ settings: eksSettings({ publicAccessCidrs: ['203.0.113.0/24'] }) });
    expect(cluster.vpc_config).toMatchObject({
      endpoint_private_access: true,
      endpoint_public_access: true,
      public_access_cidrs: ['203.0.113.0/24'],
    });
  });

  test('Kubernetes secrets are envelope-encrypted with the customer key', () => {
    expect(build().cluster.encryption_config).toEqual({ resources: ['secrets'], provider: { key_arn: SECRETS_KEY } });
  });

  test('every control-plane log type, into a KMS-encrypted group owned (with retention) before the cluster', () => {
    const { out, cluster } = build();
    expect(cluster.enabled_cluster_log_types).toEqual([...CONTROL_PLANE_LOG_TYPES]);
    expect(CONTROL_PLANE_LOG_TYPES).toEqual(['api', 'audit', 'authenticator', 'controllerManager', 'scheduler']);
    expect(only(out, CloudwatchLogGroup.tfResourceType)).toEqual({
      name: '/aws/eks/prod-use1/cluster',
      retention_in_days: 365,
      kms_key_id: LOGS_KEY,
    });
    expect(cluster.depends_on).toEqual([
      address(out, IamRolePolicyAttachment.tfResourceType),
      address(out, CloudwatchLogGroup.tfResourceType),
    ]);
  });

  test('API access entries only, no implicit admin for the creator; standard support; deletion protected twice', () => {
    expect(build().cluster).toMatchObject({
      version: '1.33',
      access_config: { authentication_mode: 'API', bootstrap_cluster_creator_admin_permissions: false },
      upgrade_policy: { support_type: 'STANDARD' },
      deletion_protection: true,
      lifecycle: { prevent_destroy: true },
    });
  });

  test('the cluster role is assumable by EKS only and carries AmazonEKSClusterPolicy', () => {
    const { out, cluster } = build();
    const role = only(out, IamRole.tfResourceType);
    expect(role.name).toBe('prod-use1-cluster');
    expect(JSON.parse(role.assume_role_policy).Statement).toEqual([
      { Effect: 'Allow', Principal: { Service: 'eks.amazonaws.com' }, Action: ['sts:AssumeRole', 'sts:TagSession'] },
    ]);
    expect(only(out, IamRolePolicyAttachment.tfResourceType).policy_arn).toBe('arn:aws:iam::aws:policy/AmazonEKSClusterPolicy');
    expect(cluster.role_arn).toBe(ref(out, IamRole.tfResourceType, 'arn'));
  });

  test('every managed add-on at the default version EKS pairs with the cluster version', () => {
    const { out } = build();
    expect(
      all(out, EksAddon.tfResourceType)
        .map((a) => a.addon_name)
        .sort(),
    ).toEqual([...MANAGED_ADDONS].sort());
    for (const name of MANAGED_ADDONS) {
      const version = namedData(out, DataAwsEksAddonVersion.tfResourceType, `"addon_name":"${name}"`);
      expect(version).toMatchObject({ most_recent: false, kubernetes_version: ref(out, EksCluster.tfResourceType, 'version') });
      expect(addon(out, name)).toMatchObject({ resolve_conflicts_on_create: 'OVERWRITE', resolve_conflicts_on_update: 'PRESERVE' });
    }
  });

  test('the VPC CNI enforces NetworkPolicies (network-policy agent on)', () => {
    const { out } = build();
    expect(JSON.parse(addon(out, 'vpc-cni').configuration_values)).toEqual({ enableNetworkPolicy: 'true' });
    expect(addon(out, 'coredns').configuration_values).toBeUndefined();
  });

  test.each([
    ['vpc-cni', 'aws-node'],
    ['aws-ebs-csi-driver', 'ebs-csi-controller-sa'],
  ] as const)('%s runs with its Pod Identity role, bound to service account %s', (name, serviceAccount) => {
    const roleArn = `arn:aws:iam::111122223333:role/prod-use1-${name}`;
    const { out } = build({ addonRoleArns: { [name]: roleArn } });
    expect(addon(out, name).pod_identity_association).toEqual([{ role_arn: roleArn, service_account: serviceAccount }]);
    expect(addon(out, 'kube-proxy').pod_identity_association).toBeUndefined();
  });

  test('an access entry and a cluster-wide policy association per configured principal', () => {
    const { out } = build({ settings: eksSettings({ accessEntries: [{ principalArn: ADMIN, policy: 'AmazonEKSClusterAdminPolicy' }] }) });
    expect(only(out, EksAccessEntry.tfResourceType)).toMatchObject({
      principal_arn: ADMIN,
      type: 'STANDARD',
      cluster_name: ref(out, EksCluster.tfResourceType, 'name'),
    });
    expect(only(out, EksAccessPolicyAssociation.tfResourceType)).toMatchObject({
      principal_arn: ref(out, EksAccessEntry.tfResourceType, 'principal_arn'),
      policy_arn: 'arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy',
      access_scope: { type: 'cluster' },
    });
    expect(all(build().out, EksAccessEntry.tfResourceType)).toEqual([]);
  });
});
