import { describe, expect, test } from 'vitest';
import { parsePlatformConfig } from '../../config/load.js';
import { CATALOG, unknownEngineVersion, unknownInstanceClass, unknownInstanceType } from '../../config/reference/catalog.js';
import type { PlatformConfigInput } from '../../config/schema/platform.js';
import { latestPricing } from '../../tools/cost/pricing.js';
import { configInput } from '../support/platform.js';

type Mutation = (c: PlatformConfigInput) => void;
const env = (c: PlatformConfigInput, name: string) => {
  const e = c.environments[name];
  if (!e) throw new Error(`fixture has no environment ${name}`);
  return e;
};
const database = (c: PlatformConfigInput, name: string) => {
  const d = c.data[name]?.database;
  if (!d) throw new Error(`fixture has no database in ${name}`);
  return d;
};

/** Each row breaks one rule; the error names the field and the fix. */
const failing: [string, Mutation, RegExp][] = [
  [
    'prod with a single NAT gateway',
    (c) => {
      env(c, 'prod').network.natGateways = 'single';
    },
    /environments\.prod\.network\.natGateways: production environment 'prod' has a single NAT gateway: .*; set 'per-az'/,
  ],
  [
    'a production-tier environment of another name with a single NAT',
    (c) => {
      env(c, 'staging').tier = 'production';
    },
    /environments\.staging\.network\.natGateways: production environment 'staging' has a single NAT gateway/,
  ],
  [
    'a single-AZ production database',
    (c) => {
      database(c, 'prod').multiAz = false;
    },
    /data\.prod\.database\.multiAz: the database of production environment 'prod' runs in one AZ: .*; set multiAz: true/,
  ],
  [
    'a one-node production system pool',
    (c) => {
      Object.assign(env(c, 'prod').eks.nodePools.system, { minSize: 1, desiredSize: 1 });
    },
    /environments\.prod\.eks\.nodePools\.system\.minSize: the system node pool of production environment 'prod' may shrink to 1 node\(s\), all in one AZ; set minSize to at least 2/,
  ],
  [
    "prod sharing staging's account",
    (c) => {
      env(c, 'prod').accountId = env(c, 'staging').accountId;
    },
    /environments\.staging\.accountId: account 310987654321 is also the account of 'prod': .*; give 'staging' its own account/,
  ],
  [
    'deployOrder listing an environment twice',
    (c) => {
      c.deployOrder = ['dev', 'dev', 'staging', 'prod'];
    },
    /deployOrder\[1\]: 'dev' is listed twice; every environment deploys once/,
  ],
  [
    'deployOrder missing an environment',
    (c) => {
      c.deployOrder = ['dev', 'prod'];
    },
    /deployOrder: 'staging' is never deployed; add it to deployOrder \(production tier last\)/,
  ],
  [
    'prod deploying before staging',
    (c) => {
      c.deployOrder = ['dev', 'prod', 'staging'];
    },
    /deployOrder\[1\]: production environment 'prod' deploys before 'staging'; move it after every non-production environment/,
  ],
  [
    'an unknown environment in deployOrder',
    (c) => {
      c.deployOrder = ['dev', 'qa', 'staging', 'prod'];
    },
    /deployOrder\[1\]: unknown environment 'qa'; use one of dev, staging, prod/,
  ],
  [
    'an instance type size that does not exist',
    (c) => {
      env(c, 'prod').eks.nodePools.system.instanceTypes = ['m7g.banana'];
    },
    /environments\.prod\.eks\.nodePools\.system\.instanceTypes\[0\]: m7g\.banana is not an EC2 instance type: m7g comes in medium, large, xlarge/,
  ],
  [
    'an instance type one letter off',
    (c) => {
      env(c, 'prod').eks.nodePools.system.instanceTypes = ['m7g.lrage'];
    },
    /m7g\.lrage is not an EC2 instance type: .*; did you mean 'm7g\.large'\?/,
  ],
  [
    'an instance family that does not exist',
    (c) => {
      env(c, 'dev').eks.nodePools.system.instanceTypes = ['m7x.large'];
    },
    /environments\.dev\.eks\.nodePools\.system\.instanceTypes\[0\]: m7x\.large is not an EC2 instance type \(no family m7x .*\); did you mean 'm7[a-z]\.large'\?/,
  ],
  [
    'an RDS class that does not exist',
    (c) => {
      database(c, 'prod').instanceClass = 'db.r7g.banana';
    },
    /data\.prod\.database\.instanceClass: db\.r7g\.banana is not a DB instance class of postgres: db\.r7g comes in large, xlarge/,
  ],
  [
    'an RDS class Aurora does not offer',
    (c) => {
      Object.assign(database(c, 'prod'), { engine: 'aurora-postgres-global', engineVersion: '16.6', instanceClass: 'db.m7g.large' });
    },
    /data\.prod\.database\.instanceClass: db\.m7g\.large is not a DB instance class of aurora-postgresql/,
  ],
  [
    'Postgres 99.9',
    (c) => {
      Object.assign(database(c, 'prod'), { engineVersion: '99.9', autoMinorVersionUpgrade: false });
    },
    /data\.prod\.database\.engineVersion: postgres has no major 99 \(released: 13, 14, 15, 16, 17\); nearest: '17\.7'/,
  ],
  [
    'a minor never released',
    (c) => {
      Object.assign(database(c, 'prod'), { engineVersion: '16.99', autoMinorVersionUpgrade: false });
    },
    /data\.prod\.database\.engineVersion: postgres 16\.99 was never released \(16\.1 to 16\.11 were, .*\); nearest: '16\.11'/,
  ],
  [
    'two teams on one cost centre',
    (c) => {
      const risk = c.teams.find((t) => t.name === 'risk');
      if (risk) risk.costCentre = 'CC-2010';
    },
    /teams\[risk\]\.costCentre: CC-2010 is also team trading's cost centre, .*; give risk its own cost centre/,
  ],
];

/** The compliant twins: the same fields, set the way the rules allow. */
const passing: [string, Mutation][] = [
  [
    'a single NAT gateway outside production',
    (c) => {
      env(c, 'staging').network.natGateways = 'single';
    },
  ],
  [
    'a single-AZ database outside production',
    (c) => {
      database(c, 'staging').multiAz = false;
    },
  ],
  [
    'a production system pool of exactly two nodes',
    (c) => {
      Object.assign(env(c, 'prod').eks.nodePools.system, { minSize: 2, desiredSize: 2 });
    },
  ],
  [
    'deployOrder with every environment once, production last',
    (c) => {
      c.deployOrder = ['staging', 'dev', 'prod'];
    },
  ],
  [
    'an exact minor that was released',
    (c) => {
      Object.assign(database(c, 'prod'), { engineVersion: '16.11', autoMinorVersionUpgrade: false });
    },
  ],
];

describe('platform invariants', () => {
  test.each(failing)('rejects %s, naming the field and the fix', (_name, mutate, message) => {
    const input = configInput();
    mutate(input);
    expect(() => parsePlatformConfig(input)).toThrow(message);
  });

  test.each(passing)('accepts %s', (_name, mutate) => {
    const input = configInput();
    mutate(input);
    expect(() => parsePlatformConfig(input)).not.toThrow();
  });

  test('a version that was never released is reported once, by the catalog, not also by the support calendar', () => {
    const input = configInput();
    Object.assign(database(input, 'prod'), { engineVersion: '99.9', autoMinorVersionUpgrade: false });
    expect(() => parsePlatformConfig(input)).toThrow(/\(1 problem\)/);
  });
});

describe('the offline catalog', () => {
  test('holds every instance type and DB class the pricing snapshot prices', () => {
    const pricing = latestPricing();
    expect(Object.keys(pricing.ec2).filter((t) => unknownInstanceType(t))).toEqual([]);
    expect(Object.keys(pricing.rds).filter((c) => unknownInstanceClass(c, 'postgres'))).toEqual([]);
    expect(CATALOG.date).toBe(pricing.date);
  });

  test.each([
    ['16', 'postgres', undefined],
    ['16.11', 'postgres', undefined],
    ['16.6', 'aurora-postgresql', undefined],
    ['17.2', 'aurora-postgresql', /aurora-postgresql 17\.2 was never released \(17\.4 to 17\.5 were.*nearest: '17\.4'/],
    ['12', 'postgres', /postgres has no major 12 .*nearest: '13'/],
  ] as const)('%s of %s', (version, engine, problem) => {
    const found = unknownEngineVersion(version, engine);
    if (problem) expect(found).toMatch(problem);
    else expect(found).toBeUndefined();
  });
});
