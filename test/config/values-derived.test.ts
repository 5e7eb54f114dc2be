import { describe, expect, it } from 'vitest';
import { prerequisitesOf } from '../../config/values/prerequisites.js';
import { configInput, platformConfig } from '../support/platform.js';

/**
 * config/values/ writes each name once: lists of teams, services and environments
 * elsewhere in the values are derived from the lists that define them, so adding a
 * team or an environment reaches every place that names them all.
 */
describe('values derived from the teams, services and environments', () => {
  const config = platformConfig();
  const rule = (pattern: string) => config.ownership.rules.find((r) => r.pattern === pattern);

  it('every team owning a service co-owns the workloads and the load tests, beside platform', () => {
    const serviceTeams = [...new Set(config.services.map((s) => s.team))];
    for (const pattern of ['/charts/workloads/', '/load-tests/']) {
      expect(rule(pattern)?.teams).toEqual(['platform', ...serviceTeams.filter((t) => t !== 'platform')]);
    }
  });

  it('the governance environment declares every GitHub team of config.teams, reviewers said so', () => {
    const declared = (config.prerequisites[config.ownership.governanceEnvironment] ?? []).filter((p) => p.kind === 'github-team');
    expect(declared.map((p) => `@${config.organization.repository.split('/')[0] ?? ''}/${p.match}`)).toEqual(
      config.teams.map((t) => t.githubTeam),
    );
    const reviewers = new Set(Object.values(config.ownership.environments).flatMap((g) => g.reviewers));
    for (const team of config.teams) {
      const entry = declared.find((p) => team.githubTeam.endsWith(`/${p.match}`));
      expect(entry?.why.includes('deployment reviewer')).toBe(reviewers.has(team.name));
    }
  });

  it('every environment has its prerequisites; the public zone is organization.domain wherever an edge or DNS failover needs it', () => {
    expect(Object.keys(config.prerequisites)).toEqual(Object.keys(config.environments));
    for (const envName of Object.keys(config.environments)) {
      const zones = (config.prerequisites[envName] ?? []).filter((p) => p.kind === 'route53-zone').map((p) => p.match);
      const needsZone = config.security.edge[envName] !== undefined || config.data[envName]?.dnsFailover !== undefined;
      expect(zones).toEqual(needsZone ? [config.organization.domain] : []);
    }
  });

  it('the public services are the routed ones, and the Environment tag names every environment', () => {
    expect(config.gitops.publicServices).toEqual(Object.keys(config.gitops.publicRoutes));
    const environmentTag = config.tagTaxonomy.find((t) => t.key === 'Environment');
    expect(environmentTag?.description).toBe(`Deployment environment (${Object.keys(config.environments).join(', ')}).`);
  });
});

describe('prerequisites follow the config they derive from', () => {
  it("an access entry's role and a new replica region's origin secret become prerequisites with no hand edit", () => {
    const input = configInput();
    const prod = input.environments.prod;
    if (!prod) throw new Error('no prod');
    prod.eks.accessEntries = [
      ...(prod.eks.accessEntries ?? []),
      { principalArn: `arn:aws:iam::${prod.accountId}:role/trading-desk-view`, policy: 'AmazonEKSViewPolicy' },
    ];
    prod.regions.replicas = [...(prod.regions.replicas ?? []), { region: 'eu-west-1', vpcCidr: '10.32.0.0/16' }];
    const derived = prerequisitesOf(input).prod ?? [];
    expect(derived.map((p) => p.match)).toEqual(
      expect.arrayContaining([
        `arn:aws:iam::${prod.accountId}:role/trading-desk-view`,
        `arn:aws:secretsmanager:eu-west-1:${prod.accountId}:secret:prod/edge/origin-verify`,
      ]),
    );
  });
});
