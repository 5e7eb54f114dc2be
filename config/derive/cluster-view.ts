import type { AwsRegion } from '../reference/aws-regions.js';
import type { CapacityMode, JanitorSettings } from '../schema/cost.js';
import type { Environment, NodePool } from '../schema/environment.js';
import type { GitopsConfig, SyncWindow } from '../schema/gitops.js';
import type { TagDefinition, Team } from '../schema/organization.js';
import type { PlatformConfig } from '../schema/platform.js';
import type { Service } from '../schema/service.js';
import type { Delivery } from '../schema/slo.js';
import { costSettings } from './cost.js';
import { databasePort } from './database-port.js';
import { databaseSecretLookup, type DatabaseSecretLookup } from './database-secret.js';
import { hasRegionalIngress, ingressHostnames } from './endpoints.js';
import { clusterFacts, type ClusterFacts } from './facts.js';
import type { RegionRole } from './regions.js';
import { retentionDays } from './retention.js';
import { alertingSecretNames, type AlertingSecretNames } from './secrets.js';
import { envName, type EnvName } from './stack-environment.js';
import { labelBasis, resolveTags, type LabelBasis } from './tags.js';
import { clusterTargets, type ClusterTarget } from './targets.js';

/** Another cluster of the same environment. */
export interface PeerCluster {
  readonly region: AwsRegion;
  readonly clusterName: string;
}

/** What Argo CD and the in-cluster tooling of one cluster read from config.gitops and the organization. */
export interface ClusterGitops {
  /** Where the deploy workflow publishes `dist/<env>/<region>` (config.organization.gitops). */
  readonly repoURL: string;
  readonly branch: string;
  readonly retry: GitopsConfig['retry'];
  /** This environment's sync windows (none where config lists none). */
  readonly syncWindows: readonly SyncWindow[];
  readonly tracing: GitopsConfig['tracing'];
  readonly publicServices: readonly string[];
  readonly publicRoutes: Readonly<Record<string, readonly string[]>>;
  readonly backupSchedules: GitopsConfig['backupSchedules'];
  readonly secretRefreshInterval: string;
}

/** The environment database as one cluster reaches it. */
export interface ClusterDatabase {
  readonly port: number;
  /** @default none: this region cannot read the master secret (RDS outside its primary region) */
  readonly secret?: DatabaseSecretLookup;
}

/** The regional ingress of a cluster behind the protected edge. */
export interface ClusterIngress {
  /** Every name the regional load balancer answers (config/derive/endpoints.ts ingressHostnames). */
  readonly hostnames: readonly string[];
  /** Route53's health check path, answered by the gateway. @default none: no DNS failover */
  readonly healthPath?: string;
}

/**
 * One cluster as the Kubernetes half sees it, resolved once from config by
 * charts/app.ts: names and numbers, the config sections the charts render
 * (typed by config/schema), nothing to look up. The component registry maps it
 * to each chart's own props; no chart reads the config.
 */
export interface ClusterView {
  readonly envName: EnvName;
  readonly region: AwsRegion;
  readonly role: RegionRole;
  readonly tier: Environment['tier'];
  /** The EKS (Kubernetes) version the cluster runs. */
  readonly kubeVersion: string;
  /** The team owning the environment: platform objects of no team of their own are its. */
  readonly ownerTeam: string;
  readonly facts: ClusterFacts;
  /** The environment's other clusters, primary first. */
  readonly peers: readonly PeerCluster[];
  readonly vpcCidr: string;
  readonly labels: LabelBasis;
  /** The environment's resolved tags (what AWS resources the cluster creates carry). */
  readonly tags: Readonly<Record<string, string>>;
  readonly tagTaxonomy: readonly TagDefinition[];
  readonly services: readonly Service[];
  readonly teams: readonly Team[];
  readonly delivery: Delivery;
  readonly gitops: ClusterGitops;
  readonly capacity: CapacityMode;
  /** The workload node pool (Karpenter sizes its NodePools from it). */
  readonly workloadPool: NodePool;
  readonly janitor: JanitorSettings;
  readonly retentionDays: Readonly<Record<'backups' | 'metrics' | 'traces', number>>;
  /** @default none: the environment has no database */
  readonly database?: ClusterDatabase;
  /** @default none: the environment has no protected edge, so no regional ingress */
  readonly ingress?: ClusterIngress;
  readonly alertingSecrets: AlertingSecretNames;
}

export function clusterView(config: PlatformConfig, target: ClusterTarget): ClusterView {
  const { env, region } = target;
  const name = envName(config, target.envName);
  const database = config.data[name]?.database;
  const secret = databaseSecretLookup(config, name, region);
  return {
    envName: name,
    region,
    role: target.role,
    tier: env.tier,
    kubeVersion: env.eks.version,
    ownerTeam: env.owner.team,
    facts: clusterFacts(config, target),
    peers: target.peers.map((peer) => ({ region: peer, clusterName: clusterFacts(config, { ...target, region: peer }).clusterName })),
    vpcCidr: target.spec.vpcCidr,
    labels: labelBasis(config, name),
    tags: resolveTags(config, name),
    tagTaxonomy: config.tagTaxonomy,
    services: config.services,
    teams: config.teams,
    delivery: config.delivery,
    gitops: {
      repoURL: config.organization.gitops.repoURL,
      branch: config.organization.gitops.branch,
      retry: config.gitops.retry,
      syncWindows: config.gitops.syncWindows[name] ?? [],
      tracing: config.gitops.tracing,
      publicServices: config.gitops.publicServices,
      publicRoutes: config.gitops.publicRoutes,
      backupSchedules: config.gitops.backupSchedules,
      secretRefreshInterval: config.gitops.secretRefreshInterval,
    },
    capacity: costSettings(config, name).capacity,
    workloadPool: env.eks.nodePools.workload,
    janitor: costSettings(config, name).janitor,
    retentionDays: {
      backups: retentionDays(config, 'backups'),
      metrics: retentionDays(config, 'metrics'),
      traces: retentionDays(config, 'traces'),
    },
    ...(database ? { database: { port: databasePort(database), ...(secret ? { secret } : {}) } } : {}),
    ...(hasRegionalIngress(config, name) ? { ingress: clusterIngress(config, name, region) } : {}),
    alertingSecrets: alertingSecretNames(config, name),
  };
}

function clusterIngress(config: PlatformConfig, name: string, region: AwsRegion): ClusterIngress {
  const healthPath = config.data[name]?.dnsFailover?.healthCheck.path;
  return { hostnames: ingressHostnames(config, name, region), ...(healthPath ? { healthPath } : {}) };
}

/** Every cluster's view, in clusterTargets order (environments in deploy order, primary region first). */
export function clusterViews(config: PlatformConfig): ClusterView[] {
  return clusterTargets(config).map((target) => clusterView(config, target));
}
