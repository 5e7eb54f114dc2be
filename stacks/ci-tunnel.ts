import { AutoscalingGroup } from '@cdktf/provider-aws/lib/autoscaling-group';
import { IamInstanceProfile } from '@cdktf/provider-aws/lib/iam-instance-profile';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { LaunchTemplate } from '@cdktf/provider-aws/lib/launch-template';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { SsmDocument } from '@cdktf/provider-aws/lib/ssm-document';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { Fn, TerraformOutput } from 'cdktf';
import type { Construct } from 'constructs';
import { CI_TUNNEL_TAG, type ClusterFacts } from '../config/derive/facts.js';
import type { StackEnvironment } from '../config/derive/stack-environment.js';
import type { AwsRegion } from '../config/reference/aws-regions.js';
import { policyDocument } from '../constructs/aws/iam-policy.js';
import type { ClusterExports } from './cluster.js';
import type { NetworkExports } from './network.js';
import { PlatformStack } from './platform-stack.js';

/** The smallest Graviton instance: it only relays TLS bytes of a few kubectl calls. */
export const TUNNEL_INSTANCE_TYPE = 't4g.nano';
/** Resolved by EC2 at each launch: every replacement boots the current AL2023 (SSM agent included), no AMI drift in plans. */
export const TUNNEL_IMAGE = 'resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64';

export interface CiTunnelStackProps {
  readonly environment: StackEnvironment;
  readonly region: AwsRegion;
  /** The cluster's names: the tunnel's name, its Session document, the tag the CI roles match. */
  readonly facts: ClusterFacts;
  readonly network: NetworkExports;
  /** The endpoint the document pins, the security group that admits the host, the key of its volume. */
  readonly cluster: ClusterExports;
}

/**
 * `<env>-<region>-ci-tunnel`: how CI reaches the private EKS endpoint. One
 * SSM-managed host per cluster (an Auto Scaling group of one, so it comes
 * back by itself), with no inbound rule at all; the cluster security group
 * admits it on 443; its volume is encrypted with the cluster's volume key. CI opens an SSM port-forwarding session to it with this
 * stack's Session document, which pins the destination to this cluster's
 * endpoint on 443: the CI roles (stacks/ci-access.ts) may use no other
 * document and no other instance, so the tunnel reaches nothing else.
 */
export class CiTunnelStack extends PlatformStack {
  constructor(scope: Construct, id: string, props: CiTunnelStackProps) {
    super(scope, { environment: props.environment, region: props.region, kind: 'ci-tunnel', tags: { Service: 'ci-cd' } }, id);
    const { facts, network, cluster } = props;
    const { name, documentName } = facts.ciTunnel;

    const group = new SecurityGroup(this, 'tunnel-sg', {
      name,
      description: `CI tunnel to the EKS API of ${facts.clusterName}: no inbound; HTTPS out to SSM and the endpoint`,
      vpcId: network.vpcId,
      egress: [
        { description: 'SSM (through NAT) and the EKS endpoint', fromPort: 443, toPort: 443, protocol: 'tcp', cidrBlocks: ['0.0.0.0/0'] },
      ],
      tags: { Name: name },
    });
    new VpcSecurityGroupIngressRule(this, 'cluster-admits-tunnel', {
      securityGroupId: cluster.clusterSecurityGroupId,
      referencedSecurityGroupId: group.id,
      ipProtocol: 'tcp',
      fromPort: 443,
      toPort: 443,
      description: 'EKS API from the CI tunnel host',
    });

    const role = new IamRole(this, 'tunnel-role', {
      name: `${facts.stackPrefix}-ci-tunnel`,
      assumeRolePolicy: policyDocument([{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }]),
    });
    const ssm = new IamRolePolicyAttachment(this, 'tunnel-ssm', {
      role: role.name,
      policyArn: 'arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore',
    });
    const profile = new IamInstanceProfile(this, 'tunnel-profile', { name: `${facts.stackPrefix}-ci-tunnel`, role: role.name });

    const tags = { ...this.tags, Name: name, [CI_TUNNEL_TAG]: facts.clusterName };
    const template = new LaunchTemplate(this, 'tunnel-template', {
      name,
      imageId: TUNNEL_IMAGE,
      instanceType: TUNNEL_INSTANCE_TYPE,
      updateDefaultVersion: true,
      iamInstanceProfile: { arn: profile.arn },
      vpcSecurityGroupIds: [group.id],
      metadataOptions: { httpEndpoint: 'enabled', httpTokens: 'required', httpPutResponseHopLimit: 1, instanceMetadataTags: 'disabled' },
      blockDeviceMappings: [
        {
          deviceName: '/dev/xvda',
          ebs: { volumeSize: 10, volumeType: 'gp3', encrypted: 'true', kmsKeyId: cluster.volumeKeyArn, deleteOnTermination: 'true' },
        },
      ],
      tagSpecifications: (['instance', 'volume', 'network-interface'] as const).map((resourceType) => ({ resourceType, tags })),
    });
    const asg = new AutoscalingGroup(this, 'tunnel', {
      name,
      minSize: 1,
      maxSize: 1,
      desiredCapacity: 1,
      vpcZoneIdentifier: [...network.privateSubnetIds],
      launchTemplate: { id: template.id, version: '$Latest' },
      healthCheckType: 'EC2',
      instanceRefresh: { strategy: 'Rolling', preferences: { minHealthyPercentage: 0 } },
      dependsOn: [ssm],
    });

    new SsmDocument(this, 'port-forwarding', {
      name: documentName,
      documentType: 'Session',
      documentFormat: 'JSON',
      content: JSON.stringify({
        schemaVersion: '1.0',
        description: `Port forwarding to the EKS API of ${facts.clusterName} on 443, and nowhere else`,
        sessionType: 'Port',
        parameters: {
          localPortNumber: { type: 'String', description: 'Port on the CI runner', allowedPattern: '^[0-9]{1,5}$', default: '0' },
        },
        properties: {
          type: 'LocalPortForwarding',
          host: Fn.replace(cluster.endpoint, 'https://', ''),
          portNumber: '443',
          localPortNumber: '{{ localPortNumber }}',
        },
      }),
    });

    new TerraformOutput(this, 'tunnel_autoscaling_group', { value: asg.name });
    new TerraformOutput(this, 'tunnel_document', { value: documentName });
  }
}
