import { App } from 'cdktf';
import { edgeLayout, ingressLayout } from '../config/derive/api-layouts.js';
import { capacityOf } from '../config/derive/cost.js';
import { backupLayout, databaseLayout, veleroStorageLayout } from '../config/derive/data-layouts.js';
import { dnsFailoverLayout } from '../config/derive/dns-failover.js';
import { hasRegionalIngress } from '../config/derive/endpoints.js';
import { permissionsBoundary } from '../config/derive/facts.js';
import { replicaRegions } from '../config/derive/regions.js';
import { operatorSecrets } from '../config/derive/secrets.js';
import { stackEnvironment } from '../config/derive/stack-environment.js';
import { stackName } from '../config/derive/stack-names.js';
import { stateReplica } from '../config/derive/state.js';
import { clusterTargets, orderedEnvironments } from '../config/derive/targets.js';
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
import { activatesCostAllocationTags, CostTagActivationStack } from './cost-tag-activation.js';
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
 * The Terraform half: the only loop over environments x regions. Stacks take
 * already-resolved, typed props; capabilities add their stacks here.
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
      boundary: { name: permissionsBoundary(config, accountId).name, statements: boundaryStatements({ config, envName, accountId }) },
      replica: stateReplica(config, envName),
    });
    // The CI roles name the permissions boundary the state stack creates.
    new CiAccessStack(app, config, envName).addDependency(state);
    new AuditTrailStack(app, config, envName);
    new CostReportingStack(app, config, envName, new CostControlsStack(app, config, envName));
    if (activatesCostAllocationTags(config, envName)) new CostTagActivationStack(app, config, envName);
    if (config.security.edge[envName]) new EdgeStack(app, stackName(envName, 'global', 'edge'), { environment, ...edgeLayout(config, envName) });
    new BackupStack(app, stackName(envName, primaryRegion, 'backup'), { environment, ...backupLayout(config, envName) });
    new VeleroStorageStack(app, stackName(envName, primaryRegion, 'velero-storage'), { environment, ...veleroStorageLayout(config, envName) });
    new ClusterSecretsStack(app, stackName(envName, 'global', 'cluster-secrets'), {
      environment,
      primaryRegion,
      replicaRegions: replicaRegions(env),
      keyAlias: `${config.organization.name}-${envName}-cluster-secrets`,
      secrets: operatorSecrets(config, envName),
    });
    if (config.data[envName]?.dnsFailover) new DnsFailoverStack(app, stackName(envName, 'global', 'dns-failover'), { environment, ...dnsFailoverLayout(config, envName) });
  }
  // Each environment's regions, with what the database needs of their network and cluster stacks.
  const databaseSites = new Map<string, Map<AwsRegion, DatabaseSite>>();
  for (const target of clusterTargets(config)) {
    const environment = stackEnvironment(config, target.envName);
    const network = new NetworkStack(app, config, target);
    new RegistryStack(app, config, target);
    const cluster = new ClusterStack(app, config, target, network);
    const sites = databaseSites.get(target.envName) ?? new Map<AwsRegion, DatabaseSite>();
    databaseSites.set(target.envName, sites.set(target.region, {
      network: { vpcId: network.network.vpc.id, isolatedSubnetIds: network.network.isolatedSubnets.map((s) => s.id), logsKeyArn: network.logsKey.arn },
      cluster: { clusterSecurityGroupId: cluster.eks.cluster.vpcConfig.clusterSecurityGroupId },
    }));
    new CiTunnelStack(app, config, target, network, cluster);
    if (capacityOf(config, target.envName) === 'karpenter') new KarpenterStack(app, config, target, cluster);
    if (hasRegionalIngress(config, target.envName)) {
      new IngressStack(app, stackName(target.envName, target.region, 'ingress'), {
        environment,
        region: target.region,
        ...ingressLayout(config, target),
        site: {
          network: { vpcId: network.network.vpc.id, publicSubnetIds: network.network.publicSubnets.map((s) => s.id) },
          cluster: {
            clusterSecurityGroupId: cluster.eks.cluster.vpcConfig.clusterSecurityGroupId,
            nodeGroups: cluster.nodeGroups.map((group) => ({ id: group.node.id, autoscalingGroupName: group.autoscalingGroupName })),
          },
        },
      });
    }
    new IdleCleanupStack(app, config, target);
    new SecurityPostureStack(app, config, target);
  }
  for (const [envName, env] of orderedEnvironments(config)) {
    new DatabaseStack(app, stackName(envName, env.regions.primary.region, 'database'), {
      environment: stackEnvironment(config, envName),
      ...databaseLayout(config, envName),
      sites: databaseSites.get(envName) ?? new Map(),
    });
  }
  new GithubGovernanceStack(app, config);
  return app;
}
