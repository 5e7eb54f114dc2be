import { Testing } from 'cdktf';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { edgeLayout } from '../../config/derive/api-layouts.js';
import { edgeFailoverRegion } from '../../config/derive/edge.js';
import { apiOrigins } from '../../config/derive/endpoints.js';
import { environmentRegions, peersOf, replicaRegions } from '../../config/derive/regions.js';
import { stackEnvironment } from '../../config/derive/stack-environment.js';
import { stateReplicaRegion } from '../../config/derive/state.js';
import { clusterTargets } from '../../config/derive/targets.js';
import { INVARIANTS } from '../../config/invariants/all.js';
import type { PlatformConfigInput } from '../../config/schema/platform.js';
import { PRIMARY_ORIGIN_ID, SECONDARY_ORIGIN_ID } from '../../constructs/aws/api-distribution.js';
import { EdgeStack } from '../../stacks/edge.js';
import { configWith, platformConfig } from '../support/platform.js';

type Mutation = (c: PlatformConfigInput) => void;
const prod = (c: PlatformConfigInput) => {
  const env = c.environments.prod;
  if (!env) throw new Error('fixture has no prod');
  return env;
};
/** prod in a third region: eu-west-1 beside us-east-1 and us-west-2. */
const thirdRegion: Mutation = (c) => {
  prod(c).regions.replicas?.push({ region: 'eu-west-1', vpcCidr: '10.32.0.0/16' });
};
const failoverTo =
  (region: string): Mutation =>
  (c) => {
    const edge = c.security.edge?.prod;
    if (edge) edge.failoverRegion = region as never;
  };
const withThirdRegion = (...more: Mutation[]) => configWith((c) => [thirdRegion, ...more].forEach((m) => m(c)));

describe('N regions per environment: regions.primary and regions.replicas', () => {
  test('replicas default to none; today prod and staging have one, dev none', () => {
    const config = platformConfig();
    expect(Object.fromEntries(Object.entries(config.environments).map(([name, env]) => [name, replicaRegions(env)]))).toEqual({
      dev: [],
      staging: ['us-west-2'],
      prod: ['us-west-2'],
    });
  });

  test('regions and peers derive once, primary first; every cluster target has its role and peers', () => {
    const config = withThirdRegion(failoverTo('us-west-2'));
    const env = config.environments.prod;
    if (!env) throw new Error('no prod');
    expect(environmentRegions(env)).toEqual(['us-east-1', 'us-west-2', 'eu-west-1']);
    expect(peersOf(env, 'us-west-2')).toEqual(['us-east-1', 'eu-west-1']);
    expect(
      clusterTargets(config)
        .filter((t) => t.envName === 'prod')
        .map((t) => [t.region, t.role, t.peers]),
    ).toEqual([
      ['us-east-1', 'primary', ['us-west-2', 'eu-west-1']],
      ['us-west-2', 'replica', ['us-east-1', 'eu-west-1']],
      ['eu-west-1', 'replica', ['us-east-1', 'us-west-2']],
    ]);
    expect(stateReplicaRegion(config, 'prod')).toBe('us-west-2');
  });
});

describe('the edge fails reads over to one replica: a CloudFront origin group holds exactly two origins', () => {
  test.each<[string, Mutation[], RegExp]>([
    [
      'several replicas and no choice',
      [],
      /security\.edge\.prod\.failoverRegion: a CloudFront origin group holds exactly 2 origins, the primary \(us-east-1\) and one replica, and 'prod' has 2 replicas; set failoverRegion to the one that takes reads when us-east-1 fails \(us-west-2 or eu-west-1\)/,
    ],
    [
      'a region the environment does not run in',
      [failoverTo('eu-central-1')],
      /security\.edge\.prod\.failoverRegion: eu-central-1 is not a replica region of 'prod' \(the primary, us-east-1, is what reads fail over from\); use one of us-west-2, eu-west-1/,
    ],
    ['the primary itself', [failoverTo('us-east-1')], /security\.edge\.prod\.failoverRegion: us-east-1 is not a replica region of 'prod'/],
  ])('rejects %s, naming the field and the fix', (_name, mutations, message) => {
    expect(() => withThirdRegion(...mutations)).toThrow(message);
  });

  test('rejects an edge without any replica', () => {
    expect(() =>
      configWith((c) => {
        prod(c).regions.replicas = [];
      }),
    ).toThrow(
      /environments\.prod\.regions\.replicas: the edge of 'prod' fails reads over from us-east-1 to a replica region; add one to regions\.replicas/,
    );
  });

  test('with one replica that one is meant; with several, the one config names becomes the second origin', () => {
    expect(edgeFailoverRegion(platformConfig(), 'prod')).toBe('us-west-2');
    const config = withThirdRegion(failoverTo('eu-west-1'));
    expect(edgeFailoverRegion(config, 'prod')).toBe('eu-west-1');
    expect(apiOrigins(config, 'prod')).toEqual({ primary: 'api-us-east-1.tradesense.io', failover: 'api-eu-west-1.tradesense.io' });
    const stack = new EdgeStack(Testing.app(), 'prod-global-edge', {
      environment: stackEnvironment(config, 'prod'),
      ...edgeLayout(config, 'prod'),
    });
    const [distribution] = Object.values(JSON.parse(Testing.synth(stack)).resource.aws_cloudfront_distribution) as {
      origin: { origin_id: string; domain_name: string }[];
    }[];
    const origins = Object.fromEntries((distribution?.origin ?? []).map((o) => [o.origin_id, o.domain_name]));
    expect(origins).toMatchObject({
      [PRIMARY_ORIGIN_ID]: 'api-us-east-1.tradesense.io',
      [SECONDARY_ORIGIN_ID]: 'api-eu-west-1.tradesense.io',
    });
  });
});

test('docs/disaster-recovery.md names the region rules by the ids they have', () => {
  const doc = readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'disaster-recovery.md'), 'utf8');
  const section = doc.split('### Regions')[1]?.split('\n## ')[0]?.split('\n### ')[0] ?? '';
  const named = [...section.matchAll(/`([a-z]+(?:-[a-z]+)+)`/g)]
    .map((m) => m[1] ?? '')
    .filter((id) => !id.startsWith('aurora-') && !id.startsWith('rds-'));
  expect(named).toEqual([
    'replica-regions-distinct',
    'production-has-replica',
    'vpc-cidrs-disjoint',
    'registry-replicas-fit-one-rule',
    'edge-failover-region-is-a-replica',
  ]);
  expect(INVARIANTS.map((rule) => rule.id)).toEqual(expect.arrayContaining(named));
});
