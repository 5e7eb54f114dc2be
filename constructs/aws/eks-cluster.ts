import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { DataAwsEksAddonVersion } from '@cdktf/provider-aws/lib/data-aws-eks-addon-version';
import { EksAccessEntry } from '@cdktf/provider-aws/lib/eks-access-entry';
import { EksAccessPolicyAssociation } from '@cdktf/provider-aws/lib/eks-access-policy-association';
import { EksAddon } from '@cdktf/provider-aws/lib/eks-addon';
import { EksCluster } from '@cdktf/provider-aws/lib/eks-cluster';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { Construct } from 'constructs';
import { EKS_UPGRADE_POLICY } from '../../config/reference/version-support.js';
import type { EksSettings } from '../../config/schema/environment.js';
import { policyDocument } from './iam-policy.js';

export const CONTROL_PLANE_LOG_TYPES = ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'] as const;

/** Managed add-ons; the version is the default EKS pairs with the cluster version. */
export const MANAGED_ADDONS = ['vpc-cni', 'coredns', 'kube-proxy', 'aws-ebs-csi-driver', 'eks-pod-identity-agent'] as const;
export type ManagedAddon = (typeof MANAGED_ADDONS)[number];

/** Add-on settings (`configuration_values`, a JSON document as the EKS API takes it). */
export const ADDON_CONFIGURATION: Partial<Record<ManagedAddon, Record<string, string>>> = {
  // The VPC CNI's network-policy agent: without it NetworkPolicies are accepted and never enforced.
  'vpc-cni': { enableNetworkPolicy: 'true' },
};

export interface PlatformEksClusterProps {
  readonly clusterName: string;
  readonly settings: EksSettings;
  readonly subnetIds: string[];
  /** Customer key for envelope encryption of Kubernetes secrets. */
  readonly secretsKeyArn: string;
  /** Customer key for the control-plane log group. */
  readonly logsKeyArn: string;
  /** Retention of the control-plane (audit) logs, from the retention table. */
  readonly logRetentionDays: number;
  /** Pod Identity roles of add-ons that call AWS (vpc-cni, ebs-csi). @default {} */
  readonly addonRoleArns?: Partial<Record<ManagedAddon, string>>;
}

/**
 * An EKS cluster with private endpoint, KMS-encrypted secrets, every
 * control-plane log type retained, access entries (API auth mode, no implicit
 * creator admin), managed add-ons and deletion protection.
 */
export class PlatformEksCluster extends Construct {
  readonly cluster: EksCluster;
  readonly addons: EksAddon[];

  constructor(scope: Construct, id: string, props: PlatformEksClusterProps) {
    super(scope, id);
    const { settings } = props;
    const role = new IamRole(this, 'cluster-role', {
      name: `${props.clusterName}-cluster`,
      assumeRolePolicy: policyDocument([
        { Effect: 'Allow', Principal: { Service: 'eks.amazonaws.com' }, Action: ['sts:AssumeRole', 'sts:TagSession'] },
      ]),
    });
    const rolePolicy = new IamRolePolicyAttachment(this, 'cluster-policy', {
      role: role.name,
      policyArn: 'arn:aws:iam::aws:policy/AmazonEKSClusterPolicy',
    });
    // EKS creates this group on first log line if missing: own it first to set retention and KMS.
    const logGroup = new CloudwatchLogGroup(this, 'control-plane-logs', {
      name: `/aws/eks/${props.clusterName}/cluster`,
      retentionInDays: props.logRetentionDays,
      kmsKeyId: props.logsKeyArn,
    });
    const publicAccess = settings.publicAccessCidrs.length > 0;
    this.cluster = new EksCluster(this, 'cluster', {
      name: props.clusterName,
      version: settings.version,
      roleArn: role.arn,
      vpcConfig: {
        subnetIds: props.subnetIds,
        endpointPrivateAccess: true,
        endpointPublicAccess: publicAccess,
        publicAccessCidrs: publicAccess ? settings.publicAccessCidrs : undefined,
      },
      encryptionConfig: { resources: ['secrets'], provider: { keyArn: props.secretsKeyArn } },
      enabledClusterLogTypes: [...CONTROL_PLANE_LOG_TYPES],
      accessConfig: { authenticationMode: 'API', bootstrapClusterCreatorAdminPermissions: false },
      // No extended-support charge: AWS upgrades the cluster when standard support ends, so
      // config keeps settings.version inside standard support (config/invariants/version.ts).
      upgradePolicy: { supportType: EKS_UPGRADE_POLICY },
      deletionProtection: true,
      dependsOn: [rolePolicy, logGroup],
      lifecycle: { preventDestroy: true },
    });

    this.addons = MANAGED_ADDONS.map((name) => {
      const version = new DataAwsEksAddonVersion(this, `${name}-version`, {
        addonName: name,
        kubernetesVersion: this.cluster.version,
        mostRecent: false,
      });
      const roleArn = props.addonRoleArns?.[name];
      const configuration = ADDON_CONFIGURATION[name];
      return new EksAddon(this, `addon-${name}`, {
        clusterName: this.cluster.name,
        addonName: name,
        addonVersion: version.version,
        resolveConflictsOnCreate: 'OVERWRITE',
        resolveConflictsOnUpdate: 'PRESERVE',
        configurationValues: configuration ? JSON.stringify(configuration) : undefined,
        podIdentityAssociation: roleArn ? [{ roleArn, serviceAccount: addonServiceAccount(name) }] : undefined,
      });
    });

    settings.accessEntries.forEach((entry, i) => {
      const accessEntry = new EksAccessEntry(this, `access-entry-${i}`, {
        clusterName: this.cluster.name,
        principalArn: entry.principalArn,
        type: 'STANDARD',
      });
      new EksAccessPolicyAssociation(this, `access-policy-${i}`, {
        clusterName: this.cluster.name,
        principalArn: accessEntry.principalArn,
        policyArn: `arn:aws:eks::aws:cluster-access-policy/${entry.policy}`,
        accessScope: { type: 'cluster' },
      });
    });
  }
}

function addonServiceAccount(addon: ManagedAddon): string {
  return addon === 'vpc-cni' ? 'aws-node' : addon === 'aws-ebs-csi-driver' ? 'ebs-csi-controller-sa' : addon;
}
