import { App } from 'cdktf';
import { capacityOf } from '../config/derive/cost.js';
import { hasRegionalIngress } from '../config/derive/endpoints.js';
import { clusterTargets, orderedEnvironments } from '../config/derive/targets.js';
import type { PlatformConfig } from '../config/schema/platform.js';
import { AuditTrailStack } from './audit-trail.js';
import { BackupStack } from './backup.js';
import { CiAccessStack } from './ci-access.js';
import { CiTunnelStack } from './ci-tunnel.js';
import { ClusterSecretsStack } from './cluster-secrets.js';
import { ClusterStack } from './cluster.js';
import { CostControlsStack } from './cost-controls.js';
import { CostReportingStack } from './cost-reporting.js';
import { activatesCostAllocationTags, CostTagActivationStack } from './cost-tag-activation.js';
import { DatabaseStack, siteKey, type RegionSite } from './database.js';
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
  for (const [envName] of orderedEnvironments(config)) {
    const state = new StateBootstrapStack(app, config, envName);
    // The CI roles name the permissions boundary the state stack creates.
    new CiAccessStack(app, config, envName).addDependency(state);
    new AuditTrailStack(app, config, envName);
    new CostReportingStack(app, config, envName, new CostControlsStack(app, config, envName));
    if (activatesCostAllocationTags(config, envName)) new CostTagActivationStack(app, config, envName);
    if (config.security.edge[envName]) new EdgeStack(app, config, envName);
    new BackupStack(app, config, envName);
    new VeleroStorageStack(app, config, envName);
    new ClusterSecretsStack(app, config, envName);
    if (config.data[envName]?.dnsFailover) new DnsFailoverStack(app, config, envName);
  }
  const sites = new Map<string, RegionSite>();
  for (const target of clusterTargets(config)) {
    const network = new NetworkStack(app, config, target);
    new RegistryStack(app, config, target);
    const cluster = new ClusterStack(app, config, target, network);
    sites.set(siteKey(target.envName, target.region), { network, cluster });
    new CiTunnelStack(app, config, target, network, cluster);
    if (capacityOf(config, target.envName) === 'karpenter') new KarpenterStack(app, config, target, cluster);
    if (hasRegionalIngress(config, target.envName)) new IngressStack(app, config, target, network, cluster);
    new IdleCleanupStack(app, config, target);
    new SecurityPostureStack(app, config, target);
  }
  for (const [envName] of orderedEnvironments(config)) new DatabaseStack(app, config, envName, sites);
  new GithubGovernanceStack(app, config);
  return app;
}
