import type { PlatformConfig } from '../schema/platform.js';
import { capacityOf } from './cost.js';
import { clusterTargets, type ClusterTarget } from './targets.js';

/** A controller that reaches AWS through an EKS Pod Identity association. */
export interface PodIdentityFact {
  readonly namespace: string;
  readonly serviceAccount: string;
  readonly roleName: string;
  readonly roleArn: string;
}

/**
 * Controllers that call AWS from inside a cluster. The regional ingress (ALB,
 * target group, Route53 records) is Terraform's, so no load balancer controller
 * or external-dns runs in a cluster and neither holds AWS rights.
 */
export const CONTROLLERS = ['external-secrets', 'velero', 'karpenter'] as const;
export type Controller = (typeof CONTROLLERS)[number];

const CONTROLLER_NAMESPACES: Record<Controller, string> = {
  'external-secrets': 'external-secrets',
  velero: 'velero',
  karpenter: 'kube-system',
};

/** Kubernetes groups the CI roles' access entries carry; charts/ci-access binds them (RBAC). */
export const CI_KUBERNETES_GROUPS = {
  /** The deploy role: reads Argo CD Applications in the post-deploy checks. */
  deploy: 'tradesense:ci-deploy',
  /** The read-only role: port-forwards to services for the load tests. */
  loadTest: 'tradesense:ci-load-test',
} as const;

/** Tag on the CI tunnel instance, valued with the cluster name; the CI roles may open sessions only to tagged instances. */
export const CI_TUNNEL_TAG = 'tradesense:ci-tunnel';

/** The SSM path CI takes to a private EKS endpoint (stacks/ci-tunnel.ts). */
export interface CiTunnelFact {
  /** Name tag of the tunnel instance and name of its Auto Scaling group. */
  readonly name: string;
  /** The port-forwarding Session document, pinned to this cluster's endpoint on 443. */
  readonly documentName: string;
  readonly documentArn: string;
}

/**
 * The permissions boundary every role the stacks create carries (CI access
 * stack): the deploy role may create or change a role only with it attached,
 * so nothing it creates can hold more than the boundary allows.
 */
export function permissionsBoundary(config: PlatformConfig, accountId: string): { readonly name: string; readonly arn: string } {
  const name = `${config.ownership.deployRoleName}-boundary`;
  return { name, arn: `arn:aws:iam::${accountId}:policy/${name}` };
}

/**
 * Name prefixes of the roles, policies and instance profiles the stacks of an
 * environment create: the deploy role's IAM rights (and the roles the boundary
 * lets a workload pass) stop at these names.
 */
export function platformNamePrefixes(config: PlatformConfig, envName: string): string[] {
  return [`${envName}-`, `${config.organization.name}-`];
}

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
  /** Controllers this cluster runs: Karpenter only where the environment's capacity is 'karpenter'. */
  readonly controllers: readonly Controller[];
  /** Role, namespace and service account of every controller, whether or not this cluster runs it. */
  readonly podIdentities: Record<Controller, PodIdentityFact>;
  /**
   * Alias (without `alias/`) and alias ARN of the key that encrypts the nodes'
   * EBS volumes (cluster stack): managed node groups, Karpenter's EC2NodeClass
   * and the CI tunnel host encrypt with it.
   */
  readonly volumeKeyAlias: string;
  readonly volumeKeyAliasArn: string;
  readonly ciTunnel: CiTunnelFact;
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
  const tunnel = `${clusterName}-ci-tunnel`;
  return {
    envName: target.envName,
    region: target.region,
    accountId,
    clusterName,
    nodeRoleName: `${clusterName}-node`,
    stackPrefix: `${target.envName}-${target.region}`,
    controllers: CONTROLLERS.filter((c) => c !== 'karpenter' || capacityOf(config, target.envName) === 'karpenter'),
    podIdentities,
    volumeKeyAlias: `${clusterName}-volumes`,
    volumeKeyAliasArn: `arn:aws:kms:${target.region}:${accountId}:alias/${clusterName}-volumes`,
    ciTunnel: { name: tunnel, documentName: tunnel, documentArn: `arn:aws:ssm:${target.region}:${accountId}:document/${tunnel}` },
    veleroBucket: `${config.organization.name}-${target.envName}-velero-${target.region}-${accountId}`,
    ecrRegistry: `${accountId}.dkr.ecr.${target.region}.amazonaws.com`,
    secretPrefixes: [`${target.envName}/`, 'rds!', `${config.organization.name}-${target.envName}-aurora/`],
  };
}

/**
 * The facts of the environment's other clusters, as seen from `target` (its
 * peers, primary first): what a cluster names of the other regions, such as
 * the Velero buckets holding its replicas.
 */
export function peerFacts(config: PlatformConfig, target: ClusterTarget): ClusterFacts[] {
  return target.peers.map((region) => clusterFacts(config, { ...target, region }));
}

/** Every cluster of an environment, in every region, with its CI tunnel's Session document (the CI roles' reach). */
export function ciTunnels(config: PlatformConfig, envName: string): { readonly clusterName: string; readonly documentArn: string }[] {
  return clusterTargets(config)
    .filter((t) => t.envName === envName)
    .map((t) => {
      const facts = clusterFacts(config, t);
      return { clusterName: facts.clusterName, documentArn: facts.ciTunnel.documentArn };
    });
}

/**
 * Buckets that hold another region's replicas (each Velero bucket of a
 * multi-region environment receives its peers' backups), with the region each
 * lives in. A role of one region must never write to or delete from one of
 * another region: that would let one compromised cluster erase both copies.
 */
export function replicaBuckets(config: PlatformConfig): { readonly bucket: string; readonly region: string }[] {
  return clusterTargets(config)
    .filter((t) => t.peers.length > 0)
    .map((t) => ({ bucket: clusterFacts(config, t).veleroBucket, region: t.region }));
}
