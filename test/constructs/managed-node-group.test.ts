import { EksNodeGroup } from '@cdktf/provider-aws/lib/eks-node-group';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { LaunchTemplate } from '@cdktf/provider-aws/lib/launch-template';
import { describe, expect, test } from 'vitest';
import { ManagedNodeGroup, type ManagedNodeGroupProps } from '../../constructs/aws/managed-node-group.js';
import { address, awsStack, only, probe, ref, synth } from './construct-stack.js';
import { nodePool } from './fixtures.js';

const VOLUME_KEY = 'arn:aws:kms:us-east-1:111122223333:key/ebs';

function build(props: Partial<ManagedNodeGroupProps> = {}) {
  const stack = awsStack();
  const group = new ManagedNodeGroup(stack, 'system', {
    clusterName: 'prod-use1',
    pool: nodePool(),
    nodeRoleArn: 'arn:aws:iam::111122223333:role/prod-use1-node',
    subnetIds: ['subnet-a', 'subnet-b'],
    volumeKeyArn: VOLUME_KEY,
    tags: { Team: 'platform', Environment: 'prod' },
    ...props,
  });
  probe(stack, 'asg', group.autoscalingGroupName);
  const out = synth(stack);
  return { out, template: only(out, LaunchTemplate.tfResourceType), group: only(out, EksNodeGroup.tfResourceType) };
}

describe('ManagedNodeGroup', () => {
  test('IMDSv2 only, hop limit 1: pods cannot borrow the node role', () => {
    expect(build().template.metadata_options).toEqual({
      http_endpoint: 'enabled',
      http_tokens: 'required',
      http_put_response_hop_limit: 1,
      instance_metadata_tags: 'disabled',
    });
  });

  test.each([
    [{}, 50],
    [{ diskSizeGiB: 200 }, 200],
  ])('root volumes are encrypted gp3 with the customer key (%j: %i GiB)', (overrides, size) => {
    expect(build({ pool: nodePool(overrides) }).template.block_device_mappings).toEqual([
      {
        device_name: '/dev/xvda',
        ebs: { volume_size: size, volume_type: 'gp3', encrypted: 'true', kms_key_id: VOLUME_KEY, delete_on_termination: 'true' },
      },
    ]);
  });

  test('instances, volumes and interfaces carry the tags (launch templates do not inherit default_tags)', () => {
    const specs = build().template.tag_specifications;
    expect(specs.map((s: any) => s.resource_type)).toEqual(['instance', 'volume', 'network-interface']);
    for (const spec of specs) expect(spec.tags).toEqual({ Team: 'platform', Environment: 'prod', Name: 'prod-use1-system' });
  });

  test.each([
    [['m7g.large', 'c7g.large'], 'AL2023_ARM_64_STANDARD'],
    [['m7i.large'], 'AL2023_x86_64_STANDARD'],
  ])('%j run %s', (instanceTypes, amiType) => {
    expect(build({ pool: nodePool({ instanceTypes }) }).group).toMatchObject({ instance_types: instanceTypes, ami_type: amiType });
  });

  test('the group runs the latest template version, sized by the pool, and leaves desired size to the autoscaler', () => {
    const { out, group } = build();
    expect(group).toMatchObject({
      cluster_name: 'prod-use1',
      node_group_name: 'system',
      capacity_type: 'ON_DEMAND',
      scaling_config: { min_size: 2, max_size: 4, desired_size: 3 },
      update_config: { max_unavailable_percentage: 33 },
      launch_template: {
        id: ref(out, LaunchTemplate.tfResourceType, 'id'),
        version: ref(out, LaunchTemplate.tfResourceType, 'latest_version'),
      },
      lifecycle: { ignore_changes: ['scaling_config[0].desired_size'] },
    });
  });

  test('labels name the pool and capacity; pool labels and taints follow', () => {
    const pool = nodePool({
      name: 'batch',
      capacityType: 'SPOT',
      labels: { workload: 'batch' },
      taints: [{ key: 'batch', value: 'true', effect: 'NO_SCHEDULE' }],
    });
    const { group } = build({ pool });
    expect(group.labels).toEqual({ 'tradesense.io/pool': 'batch', 'tradesense.io/capacity': 'spot', workload: 'batch' });
    expect(group.taint).toEqual([{ key: 'batch', value: 'true', effect: 'NO_SCHEDULE' }]);
  });

  test('waits for what it is told to (the node role policies) and exposes its Auto Scaling group', () => {
    const stack = awsStack();
    const attachment = new IamRolePolicyAttachment(stack, 'worker-policy', {
      role: 'node',
      policyArn: 'arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy',
    });
    const group = new ManagedNodeGroup(stack, 'g', {
      clusterName: 'c',
      pool: nodePool(),
      nodeRoleArn: 'r',
      subnetIds: ['s'],
      volumeKeyArn: VOLUME_KEY,
      tags: {},
      dependsOn: [attachment],
    });
    probe(stack, 'asg', group.autoscalingGroupName);
    const out = synth(stack);
    expect(only(out, EksNodeGroup.tfResourceType).depends_on).toEqual([address(out, IamRolePolicyAttachment.tfResourceType)]);
    expect(out.output.asg?.value).toBe(`\${${address(out, EksNodeGroup.tfResourceType)}.resources[0].autoscaling_groups[0].name}`);
  });
});
