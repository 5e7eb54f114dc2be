import { EksNodeGroup } from '@cdktf/provider-aws/lib/eks-node-group';
import { LaunchTemplate } from '@cdktf/provider-aws/lib/launch-template';
import { Token, type ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { isGraviton } from '../../config/derive/instance-types.js';
import type { NodePool } from '../../config/schema/environment.js';

export interface ManagedNodeGroupProps {
  readonly clusterName: string;
  readonly pool: NodePool;
  readonly nodeRoleArn: string;
  readonly subnetIds: string[];
  /** Customer key for the root volumes. */
  readonly volumeKeyArn: string;
  /** Tags copied onto instances and volumes (launch templates do not inherit default_tags). */
  readonly tags: Record<string, string>;
  /** Resources the node group waits for (e.g. the IAM policy attachments). @default [] */
  readonly dependsOn?: ITerraformDependable[];
}

/**
 * An EKS managed node group on a launch template that requires IMDSv2 (hop
 * limit 1, so pods cannot borrow the node's role) and encrypted gp3 volumes.
 */
export class ManagedNodeGroup extends Construct {
  readonly nodeGroup: EksNodeGroup;
  readonly launchTemplate: LaunchTemplate;

  constructor(scope: Construct, id: string, props: ManagedNodeGroupProps) {
    super(scope, id);
    const { pool } = props;
    const name = `${props.clusterName}-${pool.name}`;
    this.launchTemplate = new LaunchTemplate(this, 'launch-template', {
      name,
      updateDefaultVersion: true,
      metadataOptions: { httpEndpoint: 'enabled', httpTokens: 'required', httpPutResponseHopLimit: 1, instanceMetadataTags: 'disabled' },
      blockDeviceMappings: [
        {
          deviceName: '/dev/xvda',
          ebs: {
            volumeSize: pool.diskSizeGiB,
            volumeType: 'gp3',
            encrypted: 'true',
            kmsKeyId: props.volumeKeyArn,
            deleteOnTermination: 'true',
          },
        },
      ],
      monitoring: { enabled: true },
      tagSpecifications: (['instance', 'volume', 'network-interface'] as const).map((resourceType) => ({
        resourceType,
        tags: { ...props.tags, Name: name },
      })),
    });
    this.nodeGroup = new EksNodeGroup(this, 'node-group', {
      clusterName: props.clusterName,
      nodeGroupName: pool.name,
      nodeRoleArn: props.nodeRoleArn,
      subnetIds: props.subnetIds,
      capacityType: pool.capacityType,
      instanceTypes: pool.instanceTypes,
      amiType: pool.instanceTypes.every(isGraviton) ? 'AL2023_ARM_64_STANDARD' : 'AL2023_x86_64_STANDARD',
      scalingConfig: { minSize: pool.minSize, maxSize: pool.maxSize, desiredSize: pool.desiredSize },
      updateConfig: { maxUnavailablePercentage: 33 },
      labels: { 'tradesense.io/pool': pool.name, 'tradesense.io/capacity': pool.capacityType.toLowerCase(), ...pool.labels },
      taint: pool.taints,
      launchTemplate: { id: this.launchTemplate.id, version: Token.asString(this.launchTemplate.latestVersion) },
      dependsOn: props.dependsOn,
      // The autoscaler owns desired size once the group exists.
      lifecycle: { ignoreChanges: ['scaling_config[0].desired_size'] },
    });
  }

  /** The Auto Scaling group EKS runs the group's instances in (load balancer target groups attach to it). */
  get autoscalingGroupName(): string {
    return this.nodeGroup.resources.get(0).autoscalingGroups.get(0).name;
  }
}
