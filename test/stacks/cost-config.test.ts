import { describe, expect, test } from 'vitest';
import { capacityOf, taxonomyValues } from '../../config/derive/cost.js';
import { ConfigError } from '../../config/errors.js';
import { parsePlatformConfig } from '../../config/load.js';
import type { PlatformConfigInput } from '../../config/schema/platform.js';
import { configInput, platformConfig } from '../support/platform.js';

type Mutation = (c: PlatformConfigInput) => void;
const cost = (c: PlatformConfigInput, env: string) => {
  const e = c.cost.environments[env];
  if (!e) throw new Error(`fixture has no cost settings for ${env}`);
  return e;
};

/** Each row breaks one cost setting; the error must name the path and the fix. */
const cases: [string, Mutation, RegExp][] = [
  [
    'a zero environment budget',
    (c) => {
      cost(c, 'dev').monthlyBudgetUsd = 0;
    },
    /cost\.environments\.dev\.monthlyBudgetUsd: monthlyBudgetUsd is 0; a budget must be more than 0 USD per month, set a positive amount/,
  ],
  [
    'a negative team budget',
    (c) => {
      const b = cost(c, 'prod').allocationBudgets?.[0];
      if (b) b.monthlyUsd = -5;
    },
    /cost\.environments\.prod\.allocationBudgets\[Team=platform\]\.monthlyUsd: allocationBudgets\[\]\.monthlyUsd is -5; a budget must be more than 0 USD/,
  ],
  [
    'a budget on an unknown tag key',
    (c) => {
      cost(c, 'prod').allocationBudgets = [{ tagKey: 'Squad', tagValue: 'alpha', monthlyUsd: 10 }];
    },
    /cost\.environments\.prod\.allocationBudgets\[Squad=alpha\]\.tagKey: unknown tag key 'Squad'; use a key of tagTaxonomy \(Environment, Service, Team, CostCentre, ManagedBy, DataClassification\)/,
  ],
  [
    'an anomaly monitor on an unknown tag key',
    (c) => {
      c.cost.anomalyMonitorTagKeys = ['Team', 'Owner'];
    },
    /cost\.anomalyMonitorTagKeys\[1\]: unknown tag key 'Owner'/,
  ],
  [
    'a budget on a tag value nothing carries',
    (c) => {
      cost(c, 'prod').allocationBudgets = [{ tagKey: 'Team', tagValue: 'quants', monthlyUsd: 10 }];
    },
    /allocationBudgets\[Team=quants\]\.tagValue: no resource can carry Team='quants', so this budget would always read 0; use one of market-data, platform/,
  ],
  [
    'an environment without cost settings',
    (c) => {
      delete c.cost.environments.staging;
    },
    /cost\.environments\.staging: environment 'staging' has no cost settings \(budget, capacity, alert e-mails\); add cost\.environments\.staging/,
  ],
  [
    'cost settings for an unknown environment',
    (c) => {
      c.cost.environments.qa = { ...cost(c, 'dev') };
    },
    /cost\.environments\.qa: unknown environment 'qa'; use one of dev, prod, staging/,
  ],
  [
    'team budgets above the environment budget',
    (c) => {
      cost(c, 'dev').allocationBudgets = [
        { tagKey: 'Team', tagValue: 'platform', monthlyUsd: 1_400 },
        { tagKey: 'Team', tagValue: 'trading', monthlyUsd: 200 },
      ];
    },
    /Team budgets add up to 1600 USD, more than the environment's monthlyBudgetUsd 1500; lower them or raise the environment budget/,
  ],
  [
    'an unknown capacity mode',
    (c) => {
      cost(c, 'dev').capacity = 'fargate' as never;
    },
    /cost\.environments\.dev\.capacity: capacity must be one of karpenter, managed-spot/,
  ],
  [
    'an unpinned janitor image',
    (c) => {
      cost(c, 'dev').janitor = { kubectlImage: 'k8s/kubectl:latest' };
    },
    /pin the kubectl image to a version, not :latest/,
  ],
  [
    'a janitor image with a truncated digest',
    (c) => {
      cost(c, 'dev').janitor = { kubectlImage: 'k8s/kubectl:v1.33.3@sha256:aee0d617' };
    },
    /janitor\.kubectlImage: an image path with a pinned tag \(and optionally @sha256:<digest>\)/,
  ],
  [
    'an unknown governance environment',
    (c) => {
      c.cost.governanceEnvironment = 'shared';
    },
    /cost\.governanceEnvironment: unknown environment 'shared'/,
  ],
];

describe('cost config errors', () => {
  test.each(cases)('%s', (_name, mutate, message) => {
    const input = configInput();
    mutate(input);
    expect(() => parsePlatformConfig(input)).toThrow(ConfigError);
    expect(() => parsePlatformConfig(input)).toThrow(message);
  });
});

describe('cost config values', () => {
  test('Karpenter runs every environment: prod needs it to add nodes when the HPAs scale out, and for on-demand order-path capacity', () => {
    expect(['dev', 'staging', 'prod'].map((e) => capacityOf(platformConfig(), e))).toEqual(['karpenter', 'karpenter', 'karpenter']);
  });

  test('taxonomy values: fixed lists where the taxonomy has them, otherwise what config resolves to', () => {
    const values = taxonomyValues(platformConfig());
    expect(values.ManagedBy).toEqual(['argocd', 'terraform'].sort());
    expect(values.Environment).toEqual(['dev', 'prod', 'staging']);
    expect(values.Service).toEqual(expect.arrayContaining(['order-gateway', 'platform', 'risk-engine']));
  });
});
