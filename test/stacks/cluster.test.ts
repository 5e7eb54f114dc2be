import { EksCluster } from '@cdktf/provider-aws/lib/eks-cluster';
import { LaunchTemplate } from '@cdktf/provider-aws/lib/launch-template';
import { DefaultTokenResolver, StringConcat, Testing, Tokenization, type TerraformStack } from 'cdktf';
import { describe, expect, test } from 'vitest';
import { CI_KUBERNETES_GROUPS, clusterFacts, peerFacts } from '../../config/derive/facts.js';
import { retentionDays } from '../../config/derive/retention.js';
import { clusterTargets, type ClusterTarget } from '../../config/derive/targets.js';
import { capacityOf } from '../../config/derive/cost.js';
import { addRegionStacks } from '../../stacks/app.js';
import { configWith, platformConfig, platformStackNames, resourcesOf, stackJson, synthStack } from '../support/platform.js';
import { clusterStackWith } from '../support/stacks-with.js';

const config = platformConfig();
const targets = clusterTargets(config);
const cluster = (t: ClusterTarget) => `${t.envName}-${t.region}-cluster`;
const prod = targets.find((t) => t.envName === 'prod' && t.role === 'primary') as ClusterTarget;
const STACK = cluster(prod);

describe('cluster stack', () => {
  test('one per environment and region of config', () => {
    const clusters = platformStackNames().filter((n) => n.endsWith('-cluster'));
    expect(clusters.sort()).toEqual(targets.map(cluster).sort());
  });

  test('EKS with KMS envelope encryption of secrets, every log type, deletion protection', () => {
    const [eks] = resourcesOf(STACK, EksCluster.tfResourceType);
    expect(eks.encryption_config.provider.key_arn).toMatch(/aws_kms_key\.secrets/);
    expect(synthStack(STACK)).toHaveResourceWithProperties(EksCluster, {
      name: clusterFacts(config, prod).clusterName,
      version: prod.env.eks.version,
      upgrade_policy: { support_type: 'STANDARD' },
      encryption_config: { resources: ['secrets'] },
      enabled_cluster_log_types: ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'],
      access_config: { authentication_mode: 'API', bootstrap_cluster_creator_admin_permissions: false },
      deletion_protection: true,
      lifecycle: { prevent_destroy: true },
    });
  });

  test('the endpoint is private, and public only to the configured CIDRs where config lists some', () => {
    for (const target of targets) {
      const [eks] = resourcesOf(cluster(target), 'aws_eks_cluster');
      const cidrs = target.env.eks.publicAccessCidrs;
      expect(eks.vpc_config, cluster(target)).toMatchObject({ endpoint_private_access: true, endpoint_public_access: cidrs.length > 0 });
      expect(eks.vpc_config.public_access_cidrs, cluster(target)).toEqual(cidrs.length > 0 ? cidrs : undefined);
    }
  });

  test('control-plane logs are KMS-encrypted and kept per the audit-log retention', () => {
    const [group] = resourcesOf(STACK, 'aws_cloudwatch_log_group');
    expect(group).toMatchObject({
      name: `/aws/eks/${clusterFacts(config, prod).clusterName}/cluster`,
      retention_in_days: retentionDays(config, 'audit-logs'),
    });
    expect(group.kms_key_id).toContain('terraform_remote_state');
  });

  test('managed add-ons at the default version for the cluster version', () => {
    const addons = resourcesOf(STACK, 'aws_eks_addon');
    expect(addons.map((a) => a.addon_name).sort()).toEqual([
      'aws-ebs-csi-driver',
      'coredns',
      'eks-pod-identity-agent',
      'kube-proxy',
      'vpc-cni',
    ]);
    const versions = Object.values(stackJson(STACK).data?.aws_eks_addon_version ?? {});
    expect(versions.every((v: any) => v.most_recent === false)).toBe(true);
    expect(addons.find((a) => a.addon_name === 'vpc-cni')?.pod_identity_association).toEqual([
      { role_arn: expect.stringContaining('aws_iam_role.vpc-cni-role'), service_account: 'aws-node' },
    ]);
  });

  test('access entries from config, plus read access for the CI roles, all cluster-scoped', () => {
    const ciRoles = [config.ownership.deployRoleName, config.ownership.readOnlyRoleName].map(
      (name) => `arn:aws:iam::${prod.env.accountId}:role/${name}`,
    );
    const configured = prod.env.eks.accessEntries;
    const entries = resourcesOf(STACK, 'aws_eks_access_entry')
      .map((e) => e.principal_arn)
      .sort();
    expect(entries).toEqual([...configured.map((e) => e.principalArn), ...ciRoles].sort());
    const associations = resourcesOf(STACK, 'aws_eks_access_policy_association');
    const policy = (name: string) => `arn:aws:eks::aws:cluster-access-policy/${name}`;
    expect(associations.map((a) => a.policy_arn).sort()).toEqual(
      [...configured.map((e) => policy(e.policy)), ...ciRoles.map(() => policy('AmazonEKSViewPolicy'))].sort(),
    );
    expect(associations.every((a) => a.access_scope.type === 'cluster')).toBe(true);
  });

  test("the CI roles' access entries carry the Kubernetes groups the cluster RBAC binds (view covers no custom resource)", () => {
    const groups = Object.fromEntries(
      resourcesOf(STACK, 'aws_eks_access_entry').map((e) => [e.principal_arn.split('/').pop(), e.kubernetes_groups]),
    );
    expect(groups[config.ownership.deployRoleName]).toEqual([CI_KUBERNETES_GROUPS.deploy]);
    expect(groups[config.ownership.readOnlyRoleName]).toEqual([CI_KUBERNETES_GROUPS.loadTest]);
  });

  test('an on-demand system pool and, where capacity is managed-spot, a Graviton spot pool over at least 4 types', () => {
    const config = configWith((c) => {
      Object.assign(c.cost.environments.dev ?? {}, { capacity: 'managed-spot' });
    });
    const groups = Object.values(clusterStackWith(config, 'dev/us-east-1').resource.aws_eks_node_group) as any[];
    const system = groups.find((g) => g.node_group_name === 'system');
    const workload = groups.find((g) => g.node_group_name === 'workload');
    expect(system).toMatchObject({ capacity_type: 'ON_DEMAND', ami_type: 'AL2023_ARM_64_STANDARD' });
    expect(workload).toMatchObject({ capacity_type: 'SPOT', ami_type: 'AL2023_ARM_64_STANDARD' });
    expect(workload?.instance_types.length).toBeGreaterThanOrEqual(4);
    expect(workload?.instance_types[0]).toMatch(/^[a-z]\d+g/);
    expect(workload?.lifecycle).toEqual({ ignore_changes: ['scaling_config[0].desired_size'] });
  });

  test('launch templates require IMDSv2 and encrypted gp3 volumes', () => {
    const templates = resourcesOf(STACK, LaunchTemplate.tfResourceType);
    expect(templates).toHaveLength(1);
    for (const template of templates) {
      expect(template.metadata_options).toEqual({
        http_endpoint: 'enabled',
        http_tokens: 'required',
        http_put_response_hop_limit: 1,
        instance_metadata_tags: 'disabled',
      });
      expect(template.block_device_mappings).toEqual([
        {
          device_name: '/dev/xvda',
          ebs: expect.objectContaining({
            volume_type: 'gp3',
            encrypted: 'true',
            kms_key_id: expect.stringMatching(/aws_kms_key\.volumes/),
          }),
        },
      ]);
    }
  });

  test('Pod Identity roles for the controllers, trusted only by EKS Pod Identity, with scoped permissions', () => {
    const roles = resourcesOf(STACK, 'aws_iam_role');
    const names = roles.map((r) => r.name);
    const identities = clusterFacts(config, prod).podIdentities;
    for (const c of ['external-secrets', 'velero'] as const) {
      expect(names).toContain(identities[c].roleName);
    }
    const velero = roles.find((r) => r.name === identities.velero.roleName);
    expect(JSON.parse(velero.assume_role_policy).Statement[0].Principal).toEqual({ Service: 'pods.eks.amazonaws.com' });
    const associations = resourcesOf(STACK, 'aws_eks_pod_identity_association');
    expect(associations).toContainEqual(expect.objectContaining({ namespace: 'velero', service_account: 'velero' }));
    const policies = resourcesOf(STACK, 'aws_iam_role_policy').map((p) => JSON.parse(p.policy));
    for (const doc of policies) {
      for (const st of doc.Statement) {
        expect(st.Action === '*' && st.Resource === '*').toBe(false);
      }
    }
  });

  test('no load balancer controller or external-dns role: the regional ingress and its records are Terraform-owned', () => {
    for (const stack of targets.map(cluster)) {
      const names = resourcesOf(stack, 'aws_iam_role').map((r) => r.name);
      expect(names.filter((n) => /load-balancer-controller|external-dns/.test(n))).toEqual([]);
      const accounts = resourcesOf(stack, 'aws_eks_pod_identity_association').map((a) => a.service_account);
      expect(accounts).not.toContain('external-dns');
      expect(accounts).not.toContain('aws-load-balancer-controller');
    }
  });

  test.each(targets.map((t) => [`${t.envName}/${t.region}`, t] as const))(
    "%s: Velero writes only its own prefix of its own bucket; every peer region's bucket and the peers' replicas are read-only",
    (_where, target) => {
      const policy = resourcesOf(cluster(target), 'aws_iam_role_policy').find((p) => p.role.includes('aws_iam_role.velero-identity'));
      const statements: any[] = JSON.parse(policy.policy).Statement;
      const facts = clusterFacts(config, target);
      const own = `arn:aws:s3:::${facts.veleroBucket}`;
      const peers = peerFacts(config, target).map((peer) => `arn:aws:s3:::${peer.veleroBucket}`);
      expect(peers).toHaveLength(target.peers.length);
      const s3Writes = statements.filter((st) => [st.Action].flat().some((a: string) => /^s3:(Put|Delete|Abort)/.test(a)));
      expect(s3Writes.flatMap((st) => [st.Resource].flat())).toEqual([`${own}/${facts.clusterName}/*`]);
      const everything = statements.flatMap((st) => [st.Resource].flat());
      for (const peer of peers) {
        expect(everything).toEqual(expect.arrayContaining([peer, `${peer}/*`]));
        const onPeer = statements.filter((st) => [st.Resource].flat().some((r: string) => r.startsWith(peer)));
        expect(onPeer.flatMap((st) => [st.Action].flat()).sort()).toEqual(['s3:GetObject', 's3:ListBucket']);
      }
    },
  );

  test("exports what the region's other stacks use, as references into its own resources", () => {
    const { network, cluster: stack } = addRegionStacks(Testing.app(), config, prod);
    const { exports } = stack;
    const resolveIn = (scope: TerraformStack) => (token: string) =>
      Tokenization.resolve(token, { scope, preparing: false, resolver: new DefaultTokenResolver(new StringConcat()) }) as string;
    const ref = resolveIn(stack);
    expect(exports.clusterName).toBe(clusterFacts(config, prod).clusterName);
    expect(ref(exports.clusterSecurityGroupId)).toMatch(
      /^\$\{aws_eks_cluster\.eks_cluster_\w+\.vpc_config\[0\]\.cluster_security_group_id\}$/,
    );
    expect(ref(exports.endpoint)).toMatch(/^\$\{aws_eks_cluster\.eks_cluster_\w+\.endpoint\}$/);
    expect(ref(exports.volumeKeyArn)).toMatch(/^\$\{aws_kms_key\.volumes_\w+\.arn\}$/);
    const pools =
      capacityOf(config, prod.envName) === 'karpenter'
        ? [prod.env.eks.nodePools.system]
        : [prod.env.eks.nodePools.system, prod.env.eks.nodePools.workload];
    expect(exports.nodeGroups.map((g) => g.id)).toEqual(pools.map((p) => `node-group-${p.name}`));
    for (const group of exports.nodeGroups)
      expect(ref(group.autoscalingGroupName)).toMatch(
        new RegExp(`^\\$\\{aws_eks_node_group\\.${group.id}_node-group_\\w+\\.resources\\[0\\]\\.autoscaling_groups\\[0\\]\\.name\\}$`),
      );
    const subnets = (t: string) => resourcesOf(`prod-${prod.region}-network`, 'aws_subnet').filter((s) => s.tags.Tier === t).length;
    expect(
      [network.exports.publicSubnetIds, network.exports.privateSubnetIds, network.exports.isolatedSubnetIds].map((ids) => ids.length),
    ).toEqual([subnets('public'), subnets('private'), subnets('isolated')]);
    expect(resolveIn(network)(network.exports.logsKeyArn)).toMatch(/^\$\{aws_kms_key\.logs-key_\w+\.arn\}$/);
  });
});
