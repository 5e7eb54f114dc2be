import type { ClusterFacts } from '../../config/derive/facts.js';
import type { RegionRole } from '../../config/derive/regions.js';
import type { AwsRegion } from '../../config/reference/aws-regions.js';
import { IN_CLUSTER } from './application.js';

export interface ClusterSecretProps {
  readonly facts: ClusterFacts;
  readonly role: RegionRole;
  /** The environment's other regions, primary first. */
  readonly peers: readonly AwsRegion[];
  /** The taxonomy labels of Argo CD's objects. */
  readonly labels: Record<string, string>;
}

/**
 * The peers as annotations: `peer_region` beside a single peer (the published
 * gitops-bridge name ApplicationSets read), `peer_regions` (comma-separated,
 * primary first) beside several, where one `peer_region` value would be a guess.
 */
export function peerAnnotations(peers: readonly AwsRegion[]): Record<string, string> {
  const [only, ...more] = peers;
  if (only === undefined) return {};
  return more.length === 0 ? { peer_region: only } : { peer_regions: peers.join(',') };
}

/**
 * The Argo CD cluster Secret of the in-cluster destination, carrying the
 * cluster's AWS facts as annotations (the gitops-bridge pattern): ApplicationSets
 * and the team can read role ARNs and bucket names from Argo CD instead of
 * hand-copying Terraform outputs. It holds no credentials: Argo CD reaches its
 * own cluster through its service account.
 */
export function clusterSecret(props: ClusterSecretProps, argoNamespace: string) {
  const { facts } = props;
  const annotations: Record<string, string> = {
    aws_account_id: facts.accountId,
    aws_cluster_name: facts.clusterName,
    aws_region: facts.region,
    ecr_registry: facts.ecrRegistry,
    velero_backup_s3_bucket_name: facts.veleroBucket,
    ...peerAnnotations(props.peers),
  };
  for (const [controller, identity] of Object.entries(facts.podIdentities).sort(([a], [b]) => a.localeCompare(b))) {
    annotations[`${controller.replaceAll('-', '_')}_iam_role_arn`] = identity.roleArn;
    annotations[`${controller.replaceAll('-', '_')}_service_account`] = `${identity.namespace}/${identity.serviceAccount}`;
  }
  return {
    metadata: {
      name: 'in-cluster',
      namespace: argoNamespace,
      labels: {
        ...props.labels,
        'argocd.argoproj.io/secret-type': 'cluster',
        environment: facts.envName,
        region: facts.region,
        // The label's published values, which ApplicationSets may select on: a replica cluster is 'secondary'.
        cluster_role: props.role === 'primary' ? 'primary' : 'secondary',
      },
      annotations,
    },
    type: 'Opaque',
    stringData: { name: facts.clusterName, server: IN_CLUSTER, config: '{"tlsClientConfig":{"insecure":false}}' },
  };
}
