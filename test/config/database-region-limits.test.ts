import { describe, expect, test } from 'vitest';
import { DATA_INVARIANTS } from '../../config/invariants/data.js';
import { AURORA_GLOBAL_SECONDARY_REGIONS, RDS_CROSS_REGION_READ_REPLICAS } from '../../config/reference/aws-limits.js';
import type { AwsRegion } from '../../config/reference/aws-regions.js';
import type { PlatformConfig, PlatformConfigInput } from '../../config/schema/platform.js';
import { configWith, platformConfig } from '../support/platform.js';

/** prod with `regions` as its replicas (disjoint VPC blocks), the edge failing reads over to the first. */
const prodReplicas = (regions: AwsRegion[]) => (c: PlatformConfigInput) => {
  const prod = c.environments.prod;
  if (!prod) throw new Error('no prod');
  prod.regions.replicas = regions.map((region, i) => ({ region, vpcCidr: `10.${40 + i}.0.0/16` }));
  const edge = c.security.edge?.prod;
  if (edge && regions[0]) edge.failoverRegion = regions[0];
};
const SIX: AwsRegion[] = ['us-west-2', 'us-east-2', 'ca-central-1', 'eu-west-1', 'eu-west-2', 'eu-central-1'];
const rule = (id: string) => {
  const found = DATA_INVARIANTS.find((r) => r.id === id);
  if (!found) throw new Error(`no invariant '${id}'`);
  return found;
};

describe("replica regions stay within AWS's limits for the database engine", () => {
  test(`rds-postgres: at most ${RDS_CROSS_REGION_READ_REPLICAS} cross-region read replicas, the field and the fix named`, () => {
    expect(RDS_CROSS_REGION_READ_REPLICAS).toBe(5);
    expect(() => configWith(prodReplicas(SIX))).toThrow(
      /environments\.prod\.regions\.replicas: 6 replica regions would give the RDS writer 6 cross-region read replicas, over the limit of 5; keep at most 5 replica regions or set data\.prod\.database\.engine to 'aurora-postgres-global' \(up to 10 secondary regions\)/,
    );
    expect(() => configWith(prodReplicas(SIX.slice(0, 5)))).not.toThrow();
  });

  test('aurora-postgres-global takes six replica regions (its limit is higher)', () => {
    const config = configWith((c) => {
      prodReplicas(SIX)(c);
      const data = c.data.prod;
      if (data) Object.assign(data.database, { engine: 'aurora-postgres-global', engineVersion: '16.6' });
    });
    expect(config.environments.prod?.regions.replicas).toHaveLength(6);
  });

  // The region catalog holds fewer regions than Aurora's limit, so the rule is driven with a hand-built config.
  test(`aurora-postgres-global: at most ${AURORA_GLOBAL_SECONDARY_REGIONS} secondary clusters`, () => {
    const base = platformConfig();
    const prod = base.environments.prod;
    const data = base.data.prod;
    if (!prod || !data) throw new Error('no prod');
    const withReplicas = (count: number): PlatformConfig => ({
      ...base,
      environments: {
        prod: {
          ...prod,
          regions: {
            ...prod.regions,
            replicas: Array.from({ length: count }, (_, i) => ({ region: `xx-test-${i}` as AwsRegion, vpcCidr: `10.${100 + i}.0.0/16` })),
          },
        },
      },
      data: { prod: { ...data, database: { ...data.database, engine: 'aurora-postgres-global' } } },
    });
    expect(rule('aurora-secondaries-within-limit').check(withReplicas(11))).toEqual([
      {
        path: ['environments', 'prod', 'regions', 'replicas'],
        message:
          "11 replica regions would give the Aurora global database 11 secondary clusters, over Aurora's limit of 10; keep at most 10 replica regions",
      },
    ]);
    expect(rule('aurora-secondaries-within-limit').check(withReplicas(10))).toEqual([]);
    expect(rule('rds-replicas-within-limit').check(withReplicas(11))).toEqual([]);
  });
});
