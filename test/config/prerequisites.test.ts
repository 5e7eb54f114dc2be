import { describe, expect, test } from 'vitest';
import { parsePlatformConfig } from '../../config/load.js';
import type { PlatformConfigInput } from '../../config/schema/platform.js';
import { configInput } from '../support/platform.js';

type Mutation = (c: PlatformConfigInput) => void;
const prod = (c: PlatformConfigInput) => c.prerequisites.prod ?? [];
const declaration = (c: PlatformConfigInput, i: number) => {
  const p = prod(c)[i];
  if (!p) throw new Error(`fixture has no prerequisites.prod[${i}]`);
  return p;
};

/** Each row breaks one thing in config.prerequisites and names the path and fix the error must give. */
const cases: [string, Mutation, RegExp][] = [
  [
    'an environment without a list',
    (c) => {
      delete c.prerequisites.staging;
    },
    /prerequisites\.staging: environment 'staging' has no prerequisites list; add prerequisites\.staging \(an empty list/,
  ],
  [
    'a list for an unknown environment',
    (c) => {
      c.prerequisites.qa = [];
    },
    /prerequisites\.qa: unknown environment 'qa'; use one of dev, prod, staging/,
  ],
  [
    'an unknown kind',
    (c) => {
      declaration(c, 0).kind = 'vpc' as never;
    },
    /prerequisites\.prod\[arn:aws:iam::410987654321:role\/aws-service-role\/autoscaling\.amazonaws\.com\/AWSServiceRoleForAutoScaling\]\.kind: kind must be one of iam-role, service-linked-role/,
  ],
  [
    'a role written as a name',
    (c) => {
      declaration(c, 1).match = 'platform-admin';
    },
    /prerequisites\.prod\[platform-admin\]\.match: 'platform-admin' does not read as a iam-role; write it as the stacks do, e\.g\. arn:aws:iam::123456789012:role\/platform-admin/,
  ],
  [
    'a service-linked role outside aws-service-role/',
    (c) => {
      declaration(c, 0).match = 'arn:aws:iam::410987654321:role/AWSServiceRoleForAutoScaling';
    },
    /prerequisites\.prod\[arn:aws:iam::410987654321:role\/AWSServiceRoleForAutoScaling\]\.match: .* does not read as a service-linked-role/,
  ],
  [
    'a certificate without its region',
    (c) => {
      c.prerequisites.prod = [
        ...prod(c),
        { kind: 'acm-certificate', match: 'legacy.tradesense.io', why: 'an imported certificate', create: 'aws acm import-certificate' },
      ];
    },
    /prerequisites\.prod\[legacy\.tradesense\.io\]\.region: a certificate is regional: set region \(us-east-1 for CloudFront\)/,
  ],
  [
    'no reason',
    (c) => {
      declaration(c, 0).why = 'needed';
    },
    /prerequisites\.prod\[[^\]]+AWSServiceRoleForAutoScaling\]\.why: say why the stacks need it and what fails without it/,
  ],
  [
    'no way to create it',
    (c) => {
      declaration(c, 0).create = '';
    },
    /prerequisites\.prod\[[^\]]+AWSServiceRoleForAutoScaling\]\.create: give the command or console step that creates it/,
  ],
  [
    'the same declaration twice',
    (c) => {
      c.prerequisites.prod = [...prod(c), declaration(c, 1)];
    },
    /prerequisites\.prod\[\d+\]: iam-role arn:aws:iam::410987654321:role\/platform-admin is declared twice; keep one entry/,
  ],
];

describe('config.prerequisites validation', () => {
  test('the TradeSense values parse, with a list for every environment', () => {
    const config = parsePlatformConfig(configInput());
    expect(Object.keys(config.prerequisites).sort()).toEqual(Object.keys(config.environments).sort());
  });

  test.each(cases)('%s', (_name, mutate, message) => {
    const input = configInput();
    mutate(input);
    expect(() => parsePlatformConfig(input)).toThrow(message);
  });
});
