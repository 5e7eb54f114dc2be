import { solePeer } from '../../config/derive/regions.js';
import { resolveLabels } from '../../config/derive/tags.js';
import type { ClusterContext } from '../cluster-context.js';
import { IN_CLUSTER } from './application.js';

/**
 * The Argo CD cluster Secret of the in-cluster destination, carrying the
 * cluster's AWS facts as annotations (the gitops-bridge pattern): ApplicationSets
 * and the team can read role ARNs and bucket names from Argo CD instead of
 * hand-copying Terraform outputs. It holds no credentials: Argo CD reaches its
 * own cluster through its service account.
 */
export function clusterSecret(ctx: ClusterContext, argoNamespace: string) {
  const { facts } = ctx;
  const peer = solePeer(ctx.target, "the Argo CD cluster secret's peer_region annotation");
  const annotations: Record<string, string> = {
    aws_account_id: facts.accountId,
    aws_cluster_name: facts.clusterName,
    aws_region: facts.region,
    ecr_registry: facts.ecrRegistry,
    velero_backup_s3_bucket_name: facts.veleroBucket,
    ...(peer ? { peer_region: peer } : {}),
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
        ...resolveLabels(ctx.config, facts.envName, { Team: 'platform', Service: 'argocd' }),
        'argocd.argoproj.io/secret-type': 'cluster',
        environment: facts.envName,
        region: facts.region,
        // The label's published values, which ApplicationSets may select on: a replica cluster is 'secondary'.
        cluster_role: ctx.target.role === 'primary' ? 'primary' : 'secondary',
      },
      annotations,
    },
    type: 'Opaque',
    stringData: { name: facts.clusterName, server: IN_CLUSTER, config: '{"tlsClientConfig":{"insecure":false}}' },
  };
}
