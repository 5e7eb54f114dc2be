import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { teamNamespace } from '../../config/derive/cluster-names.js';
import { clusterFacts } from '../../config/derive/facts.js';
import { clusterTargets } from '../../config/derive/targets.js';
import type { PlatformConfig } from '../../config/schema/platform.js';

/** One AWS account the scheduled jobs visit, with the read-only role they assume there. */
export interface AccountEntry {
  readonly environment: string;
  readonly region: string;
  readonly role: string;
}

/** One service load test: where its k6 script is and how to reach the service. */
export interface LoadTestEntry extends AccountEntry {
  readonly service: string;
  readonly script: string;
  readonly namespace: string;
  readonly port: number;
  readonly cluster: string;
}

const readOnlyRole = (config: PlatformConfig, accountId: string) => `arn:aws:iam::${accountId}:role/${config.ownership.readOnlyRoleName}`;

/** The clusters of one environment as `region clusterName`, for post-deploy health checks. */
export function environmentClusters(config: PlatformConfig, envName: string): { region: string; cluster: string }[] {
  return clusterTargets(config)
    .filter((t) => t.envName === envName)
    .map((t) => ({ region: t.region, cluster: clusterFacts(config, t).clusterName }));
}

/**
 * The load tests of the staging-tier environment's primary cluster: one entry
 * per service that has `load-tests/<service>.js` under `root`.
 */
export function loadTestMatrix(config: PlatformConfig, root: string): LoadTestEntry[] {
  const target = clusterTargets(config).find((t) => t.env.tier === 'staging' && t.role === 'primary');
  if (!target) throw new Error('no staging-tier environment in config: load tests need one (tier: staging)');
  const cluster = clusterFacts(config, target).clusterName;
  return config.services
    .map((s) => ({ service: s, script: `load-tests/${s.name}.js` }))
    .filter(({ script }) => existsSync(join(root, script)))
    .map(({ service, script }) => ({
      environment: target.envName,
      region: target.region,
      role: readOnlyRole(config, target.env.accountId),
      service: service.name,
      script,
      namespace: teamNamespace(service.team),
      port: service.port,
      cluster,
    }));
}
