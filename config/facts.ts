import type { PlatformConfig } from './schema/platform.js';
import type { ClusterTarget } from './targets.js';

/** A controller that reaches AWS through an EKS Pod Identity association. */
export interface PodIdentityFact {
  readonly namespace: string;
  readonly serviceAccount: string;
  readonly roleName: string;
  readonly roleArn: string;
}

export const CONTROLLERS = ['external-secrets', 'velero', 'aws-load-balancer-controller', 'external-dns', 'karpenter'] as const;
export type Controller = (typeof CONTROLLERS)[number];

const CONTROLLER_NAMESPACES: Record<Controller, string> = {
  'external-secrets': 'external-secrets',
  velero: 'velero',
  'aws-load-balancer-controller': 'kube-system',
  'external-dns': 'external-dns',
  karpenter: 'kube-system',
};

/**
 * Names and ARNs of one cluster, derived from config alone. The cluster stack
 * names its resources from these and the Kubernetes charts read the same values,
 * so the two halves cannot drift (no hand-copied strings, no apply-time lookups).
 */
export interface ClusterFacts {
  readonly envName: string;
  readonly region: string;
  readonly accountId: string;
  readonly clusterName: string;
  /** IAM role of the cluster's nodes (managed node groups and Karpenter's EC2NodeClass). */
  readonly nodeRoleName: string;
  readonly stackPrefix: string;
  readonly podIdentities: Record<Controller, PodIdentityFact>;
  /** Velero bucket of this cluster's region (created by the data stacks). */
  readonly veleroBucket: string;
  /**
   * The account's ECR registry in this region: the only registry the cluster
   * pulls from; upstream images come through pull-through cache prefixes
   * (`docker-hub/`, `quay/`, `ghcr/`, `k8s/`).
   */
  readonly ecrRegistry: string;
  /**
   * Name prefixes of the Secrets Manager secrets this cluster reads: the
   * environment's own (`<env>/...`), RDS-managed master secrets (`rds!...`) and
   * the Aurora master secret. The External Secrets role is scoped to exactly these.
   */
  readonly secretPrefixes: readonly string[];
}

export function clusterFacts(config: PlatformConfig, target: ClusterTarget): ClusterFacts {
  const accountId = target.env.accountId;
  const clusterName = `${config.organization.name}-${target.envName}-${target.region}`;
  const podIdentities = Object.fromEntries(
    CONTROLLERS.map((controller) => {
      // IAM role names are global per account: the region keeps them unique.
      const roleName = `${target.envName}-${target.region}-${controller}`;
      const fact: PodIdentityFact = {
        namespace: CONTROLLER_NAMESPACES[controller],
        serviceAccount: controller,
        roleName,
        roleArn: `arn:aws:iam::${accountId}:role/${roleName}`,
      };
      return [controller, fact];
    }),
  ) as Record<Controller, PodIdentityFact>;
  return {
    envName: target.envName,
    region: target.region,
    accountId,
    clusterName,
    nodeRoleName: `${clusterName}-node`,
    stackPrefix: `${target.envName}-${target.region}`,
    podIdentities,
    veleroBucket: `${config.organization.name}-${target.envName}-velero-${target.region}-${accountId}`,
    ecrRegistry: `${accountId}.dkr.ecr.${target.region}.amazonaws.com`,
    secretPrefixes: [`${target.envName}/`, 'rds!', `${config.organization.name}-${target.envName}-aurora/`],
  };
}
