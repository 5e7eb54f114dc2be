import { ApiObject, Chart } from 'cdk8s';
import type { Construct } from 'constructs';
import type { ClusterFacts } from '../../config/derive/facts.js';
import { sortKeys } from '../../config/derive/tags.js';
import type { Environment } from '../../config/schema/environment.js';

/** The cluster's default StorageClass: the name Prometheus', Alertmanager's and Tempo's claims ask for. */
export const DEFAULT_STORAGE_CLASS = 'gp3';
/** The EBS CSI driver (the `aws-ebs-csi-driver` EKS add-on of the cluster stack). */
export const EBS_CSI_PROVISIONER = 'ebs.csi.aws.com';
/** The annotation Kubernetes' DefaultStorageClass admission reads. */
export const DEFAULT_CLASS_ANNOTATION = 'storageclass.kubernetes.io/is-default-class';

export interface StorageClassesProps {
  /** The taxonomy labels of the class. */
  readonly labels: Record<string, string>;
  /** The environment's tags: the CSI driver tags each volume with them. */
  readonly tags: Readonly<Record<string, string>>;
  /**
   * The cluster's node-volume key, by alias: stacks/cluster.ts creates it as
   * `<cluster>-volumes` and grants the EBS CSI driver's role CreateGrant on it.
   * EBS resolves an alias ARN at CreateVolume, so no apply-time key id is needed.
   */
  readonly volumeKeyAliasArn: ClusterFacts['volumeKeyAliasArn'];
  /** Production keeps released volumes. */
  readonly tier: Environment['tier'];
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
  constructor(scope: Construct, id: string, props: StorageClassesProps) {
    super(scope, id);
    const tags = sortKeys({ ...props.tags, Service: 'ebs-csi', ManagedBy: 'argocd' });
    new ApiObject(this, 'gp3', {
      apiVersion: 'storage.k8s.io/v1',
      kind: 'StorageClass',
      metadata: {
        name: DEFAULT_STORAGE_CLASS,
        labels: props.labels,
        annotations: { [DEFAULT_CLASS_ANNOTATION]: 'true' },
      },
      provisioner: EBS_CSI_PROVISIONER,
      parameters: {
        type: 'gp3',
        'csi.storage.k8s.io/fstype': 'ext4',
        encrypted: 'true',
        kmsKeyId: props.volumeKeyAliasArn,
        // The driver tags each volume with `tagSpecification_<n>: key=value`.
        ...Object.fromEntries(Object.entries(tags).map(([key, value], i) => [`tagSpecification_${i + 1}`, `${key}=${value}`])),
      },
      reclaimPolicy: props.tier === 'production' ? 'Retain' : 'Delete',
      volumeBindingMode: 'WaitForFirstConsumer',
      allowVolumeExpansion: true,
    });
  }
}
