import { App } from 'cdktf';
import { edgeLayout, ingressLayout } from '../config/derive/api-layouts.js';
import { dataEventBuckets, globalRecordingRegion } from '../config/derive/audit.js';
import { activatesCostAllocationTags, costNames, costSettings, taxonomyValues } from '../config/derive/cost.js';
import { backupLayout, databaseLayout, veleroStorageLayout } from '../config/derive/data-layouts.js';
import { dnsFailoverLayout } from '../config/derive/dns-failover.js';
import { hasRegionalIngress } from '../config/derive/endpoints.js';
import { ciTunnels, clusterFacts, peerFacts, permissionsBoundary, platformNamePrefixes } from '../config/derive/facts.js';
import { githubGovernance } from '../config/derive/github.js';
import { isManagementAccount, managementAccess, tagPolicyPlacement } from '../config/derive/organization.js';
import { replicaRegions } from '../config/derive/regions.js';
import { registryReplicaRegions } from '../config/derive/registry.js';
import { retentionDays } from '../config/derive/retention.js';
import { operatorSecrets } from '../config/derive/secrets.js';
import { stackEnvironment } from '../config/derive/stack-environment.js';
import { stackName } from '../config/derive/stack-names.js';
import { stateReplica } from '../config/derive/state.js';
import { clusterTargets, orderedEnvironments, type ClusterTarget } from '../config/derive/targets.js';
import type { AwsRegion } from '../config/reference/aws-regions.js';
import type { PlatformConfig } from '../config/schema/platform.js';
import { boundaryStatements } from '../constructs/aws/ci-policies.js';
import { AuditTrailStack } from './audit-trail.js';
import { BackupStack } from './backup.js';
import { CiAccessStack } from './ci-access.js';
import { CiTunnelStack } from './ci-tunnel.js';
import { ClusterSecretsStack } from './cluster-secrets.js';
import { ClusterStack } from './cluster.js';
import { CostControlsStack } from './cost-controls.js';
import { CostReportingStack } from './cost-reporting.js';
import { CostTagActivationStack } from './cost-tag-activation.js';
import { DatabaseStack, type DatabaseSite } from './database.js';
import { DnsFailoverStack } from './dns-failover.js';
import { EdgeStack } from './edge.js';
import { GithubGovernanceStack } from './github-governance.js';
import { IdleCleanupStack } from './idle-cleanup.js';
import { IngressStack } from './ingress.js';
import { KarpenterStack } from './karpenter.js';
import { NetworkStack } from './network.js';
import { RegistryStack } from './registry.js';
import { SecurityPostureStack } from './security-posture.js';
import { StateBootstrapStack } from './state-bootstrap.js';
import { VeleroStorageStack } from './velero-storage.js';

export interface TerraformAppOptions {
  /** Where cdktf writes `stacks/<name>/cdk.tf.json` and `manifest.json`. */
  readonly outdir: string;
}

/**
 * The Terraform half: the only loop over environments x regions, and the only
 * file of it that reads the config. Stacks take already-resolved, typed props
 * and what other stacks export; capabilities add their stacks here.
 */
export function buildTerraformApp(config: PlatformConfig, options: TerraformAppOptions): App {
  // stackTraces off: traces hold absolute paths, which would break byte-identical output.
  const app = new App({ outdir: options.outdir, stackTraces: false });
  for (const [envName, env] of orderedEnvironments(config)) {
    const environment = stackEnvironment(config, envName);
    const primaryRegion = env.regions.primary.region;
    const { accountId } = environment;
    const state = new StateBootstrapStack(app, stackName(envName, 'global', 'state'), {
      environment,
      boundary: {
        name: permissionsBoundary(config, accountId).name,
        statements: boundaryStatements({ accountId, namePrefixes: platformNamePrefixes(config, envName) }),
      },
      replica: stateReplica(config, envName),
    });
    // The CI roles name the permissions boundary the state stack creates.
    addAccountStacks(app, config, envName).ciAccess.addDependency(state);
    if (config.security.edge[envName])
      new EdgeStack(app, stackName(envName, 'global', 'edge'), { environment, ...edgeLayout(config, envName) });
    new BackupStack(app, stackName(envName, primaryRegion, 'backup'), { environment, ...backupLayout(config, envName) });
    new VeleroStorageStack(app, stackName(envName, primaryRegion, 'velero-storage'), {
      environment,
      ...veleroStorageLayout(config, envName),
    });
    new ClusterSecretsStack(app, stackName(envName, 'global', 'cluster-secrets'), {
      environment,
      primaryRegion,
      replicaRegions: replicaRegions(env),
      keyAlias: `${config.organization.name}-${envName}-cluster-secrets`,
      secrets: operatorSecrets(config, envName),
    });
    if (config.data[envName]?.dnsFailover)
      new DnsFailoverStack(app, stackName(envName, 'global', 'dns-failover'), { environment, ...dnsFailoverLayout(config, envName) });
  }
  const databaseSites = new Map<string, Map<AwsRegion, DatabaseSite>>();
  for (const target of clusterTargets(config)) {
    const { network, cluster } = addRegionStacks(app, config, target);
    const sites = databaseSites.get(target.envName) ?? new Map<AwsRegion, DatabaseSite>();
    databaseSites.set(target.envName, sites.set(target.region, { network: network.exports, cluster: cluster.exports }));
    if (hasRegionalIngress(config, target.envName)) {
      new IngressStack(app, stackName(target.envName, target.region, 'ingress'), {
        environment: stackEnvironment(config, target.envName),
        region: target.region,
        ...ingressLayout(config, target),
        site: { network: network.exports, cluster: cluster.exports },
      });
    }
  }
  for (const [envName, env] of orderedEnvironments(config)) {
    new DatabaseStack(app, stackName(envName, env.regions.primary.region, 'database'), {
      environment: stackEnvironment(config, envName),
      ...databaseLayout(config, envName),
      sites: databaseSites.get(envName) ?? new Map(),
    });
  }
  const governance = stackEnvironment(config, config.ownership.governanceEnvironment);
  new GithubGovernanceStack(app, stackName(governance.name, 'global', 'github'), { environment: governance, ...githubGovernance(config) });
  return app;
}

const ciRoleNames = (config: PlatformConfig) => ({ deploy: config.ownership.deployRoleName, readOnly: config.ownership.readOnlyRoleName });

/** The account-wide stacks of one environment: CI access, the audit trail, cost controls and reporting. */
export function addAccountStacks(app: App, config: PlatformConfig, envName: string): { readonly ciAccess: CiAccessStack } {
  const environment = stackEnvironment(config, envName);
  const id = (kind: string) => stackName(environment.name, 'global', kind);
  const org = config.organization.name;
  const owner = config.environments[environment.name]?.owner.contact;
  if (!owner) throw new Error(`environments.${envName}.owner.contact: the audit alerts need an owner contact; set it`);
  const ciAccess = new CiAccessStack(app, id('ci-access'), {
    environment,
    repository: config.organization.repository,
    roleNames: ciRoleNames(config),
    namePrefixes: platformNamePrefixes(config, envName),
    tunnels: ciTunnels(config, envName),
  });
  new AuditTrailStack(app, id('audit'), {
    environment,
    archiveBucketName: `${org}-${envName}-audit-logs-${environment.accountId}`,
    accessLogBucketName: `${org}-${envName}-audit-access-logs-${environment.accountId}`,
    retentionDays: retentionDays(config, 'audit-logs'),
    organizationTrail: isManagementAccount(config, envName),
    dataEventBuckets: dataEventBuckets(config, envName),
    alertEmails: [owner],
  });
  const costs = costSettings(config, envName);
  const names = costNames(config, envName);
  const values = taxonomyValues(config);
  const controls = new CostControlsStack(app, id('cost-controls'), {
    environment,
    settings: costs,
    alertsTopicName: names.alertsTopic,
    anomalyMonitorTags: config.cost.anomalyMonitorTagKeys.map((key) => ({ key, values: values[key] ?? [] })),
    tagPolicy: tagPolicyPlacement(config, envName),
  });
  // The report publishes to the controls stack's topic: deploy that first.
  new CostReportingStack(app, id('cost-reporting'), {
    environment,
    reports: costs.reports,
    names: { exportsBucket: names.exportsBucket(environment.accountId), curExport: names.curExport, alertsTopic: names.alertsTopic },
    functionName: `${org}-${envName}-cost-report`,
    logRetentionDays: retentionDays(config, 'application-logs'),
  }).addDependency(controls);
  if (activatesCostAllocationTags(config, envName)) {
    new CostTagActivationStack(app, id('cost-tag-activation'), { environment, management: managementAccess(config, envName) });
  }
  return { ciAccess };
}

/**
 * The platform stacks of one cluster region, whichever its role: network,
 * registry, cluster and what runs beside it. A replica region added in config
 * gets all of them; the primary's registry replicates to every replica.
 */
export function addRegionStacks(
  app: App,
  config: PlatformConfig,
  target: ClusterTarget,
): { readonly network: NetworkStack; readonly cluster: ClusterStack } {
  const environment = stackEnvironment(config, target.envName);
  const { region, env } = target;
  const id = (kind: string) => stackName(environment.name, region, kind);
  const facts = clusterFacts(config, target);
  const costs = costSettings(config, target.envName);
  const karpenter = costs.capacity === 'karpenter';
  const network = new NetworkStack(app, id('network'), {
    environment,
    region,
    cidr: target.spec.vpcCidr,
    natGateways: env.network.natGateways,
    flowLogRetentionDays: retentionDays(config, 'network-logs'),
    clusterName: facts.clusterName,
  });
  new RegistryStack(app, id('registry'), { environment, region, services: config.services, replicateTo: registryReplicaRegions(target) });
  const cluster = new ClusterStack(app, id('cluster'), {
    environment,
    region,
    facts,
    eks: env.eks,
    // With Karpenter the workload pool is Karpenter's NodePools; the system group hosts its controller.
    managedNodePools: karpenter ? [env.eks.nodePools.system] : [env.eks.nodePools.system, env.eks.nodePools.workload],
    logRetentionDays: retentionDays(config, 'audit-logs'),
    network: network.exports,
    peerVeleroBuckets: peerFacts(config, target).map((peer) => peer.veleroBucket),
    ciRoleNames: ciRoleNames(config),
  });
  const exports = { network: network.exports, cluster: cluster.exports };
  // Both read the cluster (by reference, or by name): it deploys first.
  new CiTunnelStack(app, id('ci-tunnel'), { environment, region, facts, ...exports }).addDependency(cluster);
  if (karpenter)
    new KarpenterStack(app, id('karpenter'), { environment, region, facts, workloadPool: env.eks.nodePools.workload }).addDependency(
      cluster,
    );
  new IdleCleanupStack(app, id('idle-cleanup'), {
    environment,
    region,
    functionName: `${config.organization.name}-${target.envName}-${region}-idle-cleanup`,
    sweep: costs.idleCleanup,
    alertEmails: costs.alertEmails,
    logRetentionDays: retentionDays(config, 'application-logs'),
  });
  new SecurityPostureStack(app, id('security'), {
    environment,
    region,
    security: config.security,
    alertEmails: [env.owner.contact],
    configBucketName: `${config.organization.name}-${target.envName}-config-${region}-${environment.accountId}`,
    configRetentionDays: retentionDays(config, 'audit-logs'),
    recordsGlobalResources: globalRecordingRegion(config, target.envName) === region,
    analyzerType: isManagementAccount(config, target.envName) ? 'ORGANIZATION' : 'ACCOUNT',
  });
  return { network, cluster };
}
