import { ApiObject, Chart } from 'cdk8s';
import type { Construct } from 'constructs';
import type { ClusterFacts } from '../../config/derive/facts.js';
import { resolveLabels, resolveTags, sortKeys } from '../../config/derive/tags.js';
import type { ClusterContext } from '../cluster-context.js';

/** The cluster's default StorageClass: the name Prometheus', Alertmanager's and Tempo's claims ask for. */
export const DEFAULT_STORAGE_CLASS = 'gp3';
/** The EBS CSI driver (the `aws-ebs-csi-driver` EKS add-on of the cluster stack). */
export const EBS_CSI_PROVISIONER = 'ebs.csi.aws.com';
/** The annotation Kubernetes' DefaultStorageClass admission reads. */
export const DEFAULT_CLASS_ANNOTATION = 'storageclass.kubernetes.io/is-default-class';

/**
 * The cluster's node-volume key, by alias: stacks/cluster.ts creates it as
 * `<cluster>-volumes` and grants the EBS CSI driver's role CreateGrant on it.
 * EBS resolves an alias ARN at CreateVolume, so no apply-time key id is needed.
 */
export function volumeKeyAliasArn(facts: ClusterFacts): string {
  return `arn:aws:kms:${facts.region}:${facts.accountId}:alias/${facts.clusterName}-volumes`;
}

/**
 * `gp3`, the default StorageClass: EBS gp3 through the CSI driver, encrypted
 * with the cluster's volume key (not the account's aws/ebs key: one key
 * policy and one audit trail for every node and pod volume), bound where the
 * pod lands (`WaitForFirstConsumer`: an EBS volume lives in one zone),
 * expandable in place, and tagged with the taxonomy (CSI volumes get no
 * provider default_tags). Production keeps a released volume (`Retain`): a
 * pruned claim must not delete data.
 */
export class StorageClassesChart extends Chart {
  constructor(scope: Construct, id: string, ctx: ClusterContext) {
    super(scope, id);
    const { config, target, facts } = ctx;
    const tags = sortKeys({ ...resolveTags(config, target.envName), Service: 'ebs-csi', ManagedBy: 'argocd' });
    new ApiObject(this, 'gp3', {
      apiVersion: 'storage.k8s.io/v1',
      kind: 'StorageClass',
      metadata: {
        name: DEFAULT_STORAGE_CLASS,
        labels: resolveLabels(config, target.envName, { Team: target.env.owner.team, Service: 'ebs-csi' }),
        annotations: { [DEFAULT_CLASS_ANNOTATION]: 'true' },
      },
      provisioner: EBS_CSI_PROVISIONER,
      parameters: {
        type: 'gp3',
        'csi.storage.k8s.io/fstype': 'ext4',
        encrypted: 'true',
        kmsKeyId: volumeKeyAliasArn(facts),
        // The driver tags each volume with `tagSpecification_<n>: key=value`.
        ...Object.fromEntries(Object.entries(tags).map(([key, value], i) => [`tagSpecification_${i + 1}`, `${key}=${value}`])),
      },
      reclaimPolicy: target.env.tier === 'production' ? 'Retain' : 'Delete',
      volumeBindingMode: 'WaitForFirstConsumer',
      allowVolumeExpansion: true,
    });
  }
}
