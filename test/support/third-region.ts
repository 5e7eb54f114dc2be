import type { PlatformConfig, PlatformConfigInput } from '../../config/schema/platform.js';
import { configWith } from './platform.js';

/** The region a third production region adds, with a VPC block beside prod's others. */
export const THIRD_REGION = { region: 'eu-west-1', vpcCidr: '10.32.0.0/16' } as const;

/**
 * The edit of the issue-15 recipe "add a region": prod on three regions, a
 * config-only change. The edge keeps failing over to the replica it has today
 * (a CloudFront origin group holds two origins, so it must name one).
 */
export function addThirdRegion(c: PlatformConfigInput): void {
  const prod = c.environments.prod;
  if (!prod) throw new Error('the fixture has no prod environment');
  const [today] = prod.regions.replicas ?? [];
  prod.regions.replicas = [...(prod.regions.replicas ?? []), { ...THIRD_REGION }];
  const edge = c.security.edge?.prod;
  if (edge && today) edge.failoverRegion = today.region;
}

/** Prod on three regions (addThirdRegion applied to the TradeSense config). */
export const prodOnThreeRegions = (): PlatformConfig => configWith(addThirdRegion);

/** Prod's database as an Aurora global cluster (a member in every region) instead of cross-region read replicas. */
export function auroraGlobal(c: PlatformConfigInput): void {
  const data = c.data.prod;
  if (data) Object.assign(data.database, { engine: 'aurora-postgres-global', engineVersion: '16.6' });
}
