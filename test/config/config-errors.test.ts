import { describe, expect, test } from 'vitest';
import { ConfigError } from '../../config/errors.js';
import { parsePlatformConfig } from '../../config/load.js';
import type { PlatformConfigInput } from '../../config/schema/platform.js';
import { configInput } from '../support/platform.js';

type Mutation = (c: PlatformConfigInput) => void;
const env = (c: PlatformConfigInput, name: string) => {
  const e = c.environments[name];
  if (!e) throw new Error(`fixture has no environment ${name}`);
  return e;
};

/** Each row breaks one thing in the TradeSense config and names the path and fix the error must give. */
const cases: [string, Mutation, RegExp][] = [
  [
    'unknown region',
    (c) => {
      env(c, 'dev').regions.primary.region = 'us-west-1' as never;
    },
    /environments\.dev\.regions\.primary\.region: unknown region 'us-west-1': use one of/,
  ],
  [
    'replica equal to primary',
    (c) => {
      const r = env(c, 'prod').regions;
      const [first] = r.replicas ?? [];
      if (first) first.region = r.primary.region;
    },
    /environments\.prod\.regions\.replicas\[us-east-1\]\.region: this replica region equals the primary \(us-east-1\)/,
  ],
  [
    'two replicas in one region',
    (c) => {
      env(c, 'prod').regions.replicas = [
        { region: 'us-west-2', vpcCidr: '10.31.0.0/16' },
        { region: 'us-west-2', vpcCidr: '10.32.0.0/16' },
      ];
    },
    /environments\.prod\.regions\.replicas\[1\]\.region: this replica region equals another replica \(us-west-2\)/,
  ],
  [
    'CIDRs overlapping across environments',
    (c) => {
      env(c, 'dev').regions.primary.vpcCidr = '10.30.128.0/18';
    },
    /environments\.prod\.regions\.primary\.vpcCidr: 10\.30\.0\.0\/16 \(prod\/us-east-1\) overlaps 10\.30\.128\.0\/18 \(dev\/us-east-1\); give every VPC a disjoint block/,
  ],
  [
    'CIDRs overlapping across regions of one environment',
    (c) => {
      const [first] = env(c, 'staging').regions.replicas ?? [];
      if (first) first.vpcCidr = '10.20.0.0/16';
    },
    /environments\.staging\.regions\.replicas\[us-west-2\]\.vpcCidr: 10\.20\.0\.0\/16 \(staging\/us-west-2\) overlaps/,
  ],
  [
    'CIDRs overlapping across replicas of one environment',
    (c) => {
      env(c, 'prod').regions.replicas?.push({ region: 'eu-west-1', vpcCidr: '10.31.128.0/17' });
    },
    /environments\.prod\.regions\.replicas\[eu-west-1\]\.vpcCidr: 10\.31\.128\.0\/17 \(prod\/eu-west-1\) overlaps 10\.31\.0\.0\/16 \(prod\/us-west-2\)/,
  ],
  [
    'malformed CIDR',
    (c) => {
      env(c, 'dev').regions.primary.vpcCidr = '10.10.0.1/16';
    },
    /vpcCidr: '10\.10\.0\.1\/16' is not an IPv4 CIDR block with its host bits clear/,
  ],
  [
    'missing owner',
    (c) => {
      delete (env(c, 'staging') as { owner?: unknown }).owner;
    },
    /environments\.staging\.owner: missing owner: add owner \{ team, contact, costCentre \}/,
  ],
  [
    'owner naming an unknown team',
    (c) => {
      env(c, 'prod').owner.team = 'quants';
    },
    /environments\.prod\.owner\.team: unknown team 'quants'; use one of platform, trading/,
  ],
  [
    'tag key AWS would refuse (reserved prefix)',
    (c) => {
      env(c, 'dev').extraTags = { 'aws:createdBy': 'me' };
    },
    /environments\.dev\.extraTags\.aws:createdBy: the 'aws:' prefix is reserved by AWS/,
  ],
  [
    'tag value AWS would refuse (characters)',
    (c) => {
      env(c, 'dev').extraTags = { Project: 'trading<>' };
    },
    /environments\.dev\.extraTags\.Project: tag values may only hold letters, digits, spaces/,
  ],
  [
    'tag value over 256 characters',
    (c) => {
      env(c, 'dev').extraTags = { Project: 'x'.repeat(257) };
    },
    /tag values are at most 256 characters/,
  ],
  [
    'tag value outside the taxonomy',
    (c) => {
      env(c, 'dev').extraTags = { DataClassification: 'secret' };
    },
    /environments\.dev\.extraTags\.DataClassification: 'secret' is not allowed for tag DataClassification; use one of public, internal/,
  ],
  [
    'node pool min > max',
    (c) => {
      const p = env(c, 'prod').eks.nodePools.workload;
      p.minSize = 40;
    },
    /environments\.prod\.eks\.nodePools\.workload\.minSize: minSize 40 exceeds maxSize 30; lower minSize or raise maxSize/,
  ],
  [
    'desired size outside the pool bounds',
    (c) => {
      env(c, 'dev').eks.nodePools.system.desiredSize = 9;
    },
    /environments\.dev\.eks\.nodePools\.system\.desiredSize: desiredSize 9 is outside \[2, 3\]/,
  ],
  [
    'spot pool with too few instance types',
    (c) => {
      env(c, 'dev').eks.nodePools.workload.instanceTypes = ['m7g.xlarge', 'c7g.xlarge'];
    },
    /a spot pool needs at least 4 distinct instance types/,
  ],
  [
    'node pool mixing architectures',
    (c) => {
      env(c, 'dev').eks.nodePools.workload.instanceTypes = ['m7g.xlarge', 'm6i.xlarge', 'c7g.xlarge', 'r7g.xlarge'];
    },
    /mixes Graviton \(arm64\) and x86 types; a node group runs one architecture/,
  ],
  [
    'unknown environment referenced in deployOrder',
    (c) => {
      c.deployOrder = ['dev', 'qa', 'prod'];
    },
    /deployOrder\[1\]: unknown environment 'qa'; use one of dev, staging, prod/,
  ],
  [
    'production without a replica region',
    (c) => {
      env(c, 'prod').regions.replicas = [];
    },
    /environments\.prod\.regions\.replicas: a production environment needs a replica region for disaster recovery; add one to regions\.replicas/,
  ],
  [
    'account id not 12 digits',
    (c) => {
      env(c, 'dev').accountId = '12345';
    },
    /environments\.dev\.accountId: an AWS account id is exactly 12 digits/,
  ],
  [
    'service owned by an unknown team',
    (c) => {
      const s = c.services[0];
      if (s) s.team = 'nobody';
    },
    /services\[order-gateway\]\.team: unknown team 'nobody' for service order-gateway/,
  ],
  [
    'service calling an unknown service',
    (c) => {
      const s = c.services[0];
      if (s) s.calls = ['settlement'];
    },
    /services\[order-gateway\]\.calls: order-gateway calls unknown service 'settlement'/,
  ],
  [
    'retention shorter than a regulation requires',
    (c) => {
      c.retention['audit-logs'].retentionDays = 90;
    },
    /retention\.audit-logs\.retentionDays: 90 days is shorter than SOC 2 requires \(365/,
  ],
  [
    'retention longer than GDPR allows',
    (c) => {
      c.retention.traces.retentionDays = 90;
    },
    /retention\.traces\.retentionDays: 90 days is longer than GDPR allows \(30/,
  ],
  [
    'log retention CloudWatch does not accept',
    (c) => {
      c.retention['network-logs'].retentionDays = 366;
    },
    /retention\.network-logs\.retentionDays: 366 days is not a CloudWatch Logs retention/,
  ],
  [
    'duplicate team',
    (c) => {
      const t = c.teams[0];
      if (t) c.teams.push({ ...t });
    },
    /teams: team 'platform' is defined twice/,
  ],
];

describe('platform config validation', () => {
  test('the TradeSense values parse', () => {
    expect(() => parsePlatformConfig(configInput())).not.toThrow();
  });

  test.each(cases)('rejects %s, naming the path and the fix', (_name, mutate, message) => {
    const input = configInput();
    mutate(input);
    expect(() => parsePlatformConfig(input)).toThrow(ConfigError);
    expect(() => parsePlatformConfig(input)).toThrow(message);
  });

  test('reports every problem at once', () => {
    const input = configInput();
    env(input, 'dev').eks.nodePools.system.minSize = 9;
    env(input, 'prod').owner.team = 'quants';
    try {
      parsePlatformConfig(input);
      expect.unreachable('config should not parse');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems.map((p) => p.path.join('.'))).toEqual(
        expect.arrayContaining(['environments.prod.owner.team', 'environments.dev.eks.nodePools.system.minSize']),
      );
    }
  });
});
