import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Testing, type TerraformStack } from 'cdktf';
import { edgeLayout, ingressLayout } from '../../config/derive/api-layouts.js';
import { backupLayout, databaseLayout, veleroStorageLayout } from '../../config/derive/data-layouts.js';
import { dnsFailoverLayout } from '../../config/derive/dns-failover.js';
import { replicaRegions } from '../../config/derive/regions.js';
import { operatorSecrets } from '../../config/derive/secrets.js';
import { stackEnvironment } from '../../config/derive/stack-environment.js';
import { stackName } from '../../config/derive/stack-names.js';
import { clusterTargets } from '../../config/derive/targets.js';
import type { AwsRegion } from '../../config/reference/aws-regions.js';
import type { PlatformConfig } from '../../config/schema/platform.js';
import type { SynthStack, TerraformJson } from '../../policies/output.js';
import { BackupStack } from '../../stacks/backup.js';
import { ClusterSecretsStack } from '../../stacks/cluster-secrets.js';
import { DatabaseStack, type DatabaseSite } from '../../stacks/database.js';
import { DnsFailoverStack } from '../../stacks/dns-failover.js';
import { EdgeStack } from '../../stacks/edge.js';
import { IngressStack, type IngressSite } from '../../stacks/ingress.js';
import { VeleroStorageStack } from '../../stacks/velero-storage.js';

/** Stand-ins for a region's network and cluster exports: the data stacks take values, not the stacks. */
export const databaseSite = (region: AwsRegion): DatabaseSite => ({
  network: {
    vpcId: `vpc-${region}`,
    isolatedSubnetIds: [`subnet-${region}-isolated`],
    logsKeyArn: `arn:aws:kms:${region}:111122223333:key/logs`,
  },
  cluster: { clusterSecurityGroupId: `sg-${region}-cluster` },
});
export const ingressSite = (region: AwsRegion): IngressSite => ({
  network: { vpcId: `vpc-${region}`, publicSubnetIds: [`subnet-${region}-public`] },
  cluster: { clusterSecurityGroupId: `sg-${region}-cluster`, nodeGroups: [{ id: 'system', autoscalingGroupName: `asg-${region}-system` }] },
});

/**
 * The data, DR and edge stacks of one environment, built from `config` as
 * stacks/app.ts builds them (same ids, same layouts), with stand-in exports for
 * the network and cluster stacks; synthesized, validations included.
 */
export function dataStacksOf(config: PlatformConfig, envName: string): SynthStack[] {
  const env = config.environments[envName];
  if (!env) throw new Error(`no environment '${envName}'`);
  const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'tradesense-data-')), stackTraces: false });
  const environment = stackEnvironment(config, envName);
  const primary = env.regions.primary.region;
  const targets = clusterTargets(config).filter((t) => t.envName === envName);
  const stacks: TerraformStack[] = [
    new DatabaseStack(app, stackName(envName, primary, 'database'), {
      environment,
      ...databaseLayout(config, envName),
      sites: new Map(targets.map((t) => [t.region, databaseSite(t.region)])),
    }),
    new BackupStack(app, stackName(envName, primary, 'backup'), { environment, ...backupLayout(config, envName) }),
    new VeleroStorageStack(app, stackName(envName, primary, 'velero-storage'), { environment, ...veleroStorageLayout(config, envName) }),
    new ClusterSecretsStack(app, stackName(envName, 'global', 'cluster-secrets'), {
      environment,
      primaryRegion: primary,
      replicaRegions: replicaRegions(env),
      keyAlias: `${config.organization.name}-${envName}-cluster-secrets`,
      secrets: operatorSecrets(config, envName),
    }),
  ];
  if (config.data[envName]?.dnsFailover)
    stacks.push(
      new DnsFailoverStack(app, stackName(envName, 'global', 'dns-failover'), { environment, ...dnsFailoverLayout(config, envName) }),
    );
  if (config.security.edge[envName]) {
    stacks.push(new EdgeStack(app, stackName(envName, 'global', 'edge'), { environment, ...edgeLayout(config, envName) }));
    for (const target of targets) {
      stacks.push(
        new IngressStack(app, stackName(envName, target.region, 'ingress'), {
          environment,
          region: target.region,
          ...ingressLayout(config, target),
          site: ingressSite(target.region),
        }),
      );
    }
  }
  return stacks.map((stack) => ({ name: stack.node.id, json: JSON.parse(Testing.synth(stack, true)) as TerraformJson }));
}
