import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePlatformConfig } from '../../config/load.js';
import { clusterViews } from '../../config/derive/cluster-view.js';
import { operatorSecrets } from '../../config/derive/secrets.js';
import type { PlatformConfig, PlatformConfigInput } from '../../config/schema/platform.js';
import { ownershipOf } from '../../config/values/ownership.js';
import { prerequisitesOf } from '../../config/values/prerequisites.js';
import { budgetFindings } from '../../tools/cost/budget-check.js';
import { readChartLock, REPO_ROOT } from '../../tools/helm/chart-lock.js';
import { renderClusterStates } from '../../tools/synth/cluster-state.js';
import type { SynthOutput } from '../../tools/synth/output.js';
import { synthesize } from '../../tools/synth/run.js';
import { clusterAt, clusterWith } from '../support/manifests.js';
import { configInput, platformStacks } from '../support/platform.js';
import { accountStackWith, appWith, regionStackWith } from '../support/stacks-with.js';

const DOC = readFileSync(join(REPO_ROOT, 'docs', 'how-to.md'), 'utf8');

/** The Markdown between `## <title>` and the next `## `. */
function recipe(title: string): string {
  const start = DOC.indexOf(`\n## ${title}\n`);
  if (start < 0) throw new Error(`docs/how-to.md has no '## ${title}'`);
  return DOC.slice(start + 1).split(/\n## /)[0] ?? '';
}

/**
 * Applies a recipe's config edits as the values files would take them: what the
 * values derive from other sections (ownership from the services, prerequisites
 * from the environments, teams and edge) is derived again, then parsed.
 */
function applied(edit: (input: PlatformConfigInput) => void): PlatformConfig {
  const input = configInput();
  edit(input);
  const ownership = { ...ownershipOf(input.services), environments: input.ownership.environments };
  return parsePlatformConfig({ ...input, ownership, prerequisites: prerequisitesOf({ ...input, ownership }) });
}

const stack = (output: SynthOutput, name: string) => {
  const found = output.stacks.find((s) => s.name === name);
  if (!found) throw new Error(`no stack ${name}; stacks: ${output.stacks.map((s) => s.name).join(', ')}`);
  return found.json as {
    resource?: Record<string, Record<string, Record<string, unknown>>>;
    data?: Record<string, Record<string, Record<string, unknown>>>;
  };
};

const TITLES = [
  'Add a service',
  'Add a team',
  'Add an environment',
  'Add a region',
  'Change a budget',
  'Bump a chart',
  'Bump the EKS version',
];

describe('docs/how-to.md', () => {
  it('has the recipes the tests below apply, and each names files that exist', () => {
    expect([...DOC.matchAll(/^## (.+)$/gm)].map((m) => m[1])).toEqual(TITLES);
    for (const title of TITLES) {
      for (const [, path] of recipe(title).matchAll(/`((?:config|charts|stacks|tools|vendor)\/[\w./-]+\.ts)`/g))
        expect(existsSync(join(REPO_ROOT, path ?? '')), `${title}: ${path}`).toBe(true);
    }
  });
});

describe('recipes, applied to a copy of the config and synthesized', () => {
  it('Add a service: its repository, its Rollout in its team namespace, its settings secret', () => {
    expect(recipe('Add a service')).toContain('config/values/slo.ts');
    const config = applied((c) => {
      c.services.push({
        name: 'settlement',
        team: 'trading',
        description: 'Settles executed trades.',
        port: 8080,
        replicas: 2,
        calls: ['risk-engine'],
      });
      c.delivery.services.settlement = {
        version: '1.0.0',
        runtime: 'java',
        slo: { availability: 99.9, latencyP99Ms: 250 },
        autoscaling: { maxReplicas: 4 },
        loadTest: { path: '/v1/settlements/health', ratePerSecond: 50, durationSeconds: 420 },
      };
    });
    // The stacks and the cluster the recipe names, each built from the changed config as the full synth builds it.
    const registry = Object.values(regionStackWith(config, 'prod/us-east-1', 'registry').resource.aws_ecr_repository ?? {}) as {
      name: string;
    }[];
    expect(registry.map((r) => r.name)).toContain('tradesense/settlement');
    const rollouts = [...clusterWith(config, 'prod/us-east-1').objects.values()].flat().filter((o) => o.kind === 'Rollout');
    expect(
      rollouts.some(
        (o) =>
          (o.metadata as { name: string; namespace: string }).name === 'settlement' &&
          (o.metadata as { namespace: string }).namespace === 'team-trading',
      ),
    ).toBe(true);
    // The secrets prod-global-cluster-secrets creates (test/stacks/cluster-secrets.test.ts: one secret each).
    expect(operatorSecrets(config, 'prod').map((s) => s.name)).toContain('prod/settlement/app');
  });

  it('Add a team: its namespace once it owns a service, its repository access, its GitHub team as a prerequisite', () => {
    const config = applied((c) => {
      c.teams.push({ name: 'treasury', contact: 'treasury@tradesense.io', costCentre: 'CC-2050', githubTeam: '@tradesense/treasury' });
      c.delivery.alerting.slackChannels.treasury = '#treasury-alerts';
      c.services.push({ name: 'ledger', team: 'treasury', description: 'The firm ledger.', port: 8080, replicas: 2 });
      c.delivery.services.ledger = {
        version: '1.0.0',
        runtime: 'java',
        slo: { availability: 99.9, latencyP99Ms: 500 },
        autoscaling: { maxReplicas: 4 },
        loadTest: { path: '/v1/ledger/health', ratePerSecond: 20, durationSeconds: 420 },
      };
    });
    const app = appWith(config);
    expect(
      [...clusterWith(config, 'dev/us-east-1').objects.values()]
        .flat()
        .some((o) => o.kind === 'Namespace' && (o.metadata as { name: string }).name === 'team-treasury'),
    ).toBe(true);
    const access = Object.values(app.stack('prod-global-github').resource.github_team_repository ?? {}) as { team_id: string }[];
    expect(access.map((t) => t.team_id)).toContain('treasury');
    expect((config.prerequisites.prod ?? []).some((p) => p.kind === 'github-team' && p.match === 'treasury')).toBe(true);
    const secrets = Object.values(app.stack('prod-global-cluster-secrets').resource.aws_secretsmanager_secret ?? {}) as { name: string }[];
    expect(secrets.map((s) => s.name)).toContain('prod/alerting/pagerduty/treasury');
  });

  it('Add an environment: its stacks, its cluster folder, its place in the deploy order', () => {
    const config = applied((c) => {
      const staging = c.environments.staging;
      if (!staging) throw new Error('no staging');
      const accountId = '510987654321';
      c.environments.qa = {
        ...structuredClone(staging),
        accountId,
        regions: { primary: { region: 'us-east-1', vpcCidr: '10.40.0.0/16' }, replicas: [] },
        eks: {
          ...structuredClone(staging.eks),
          accessEntries: (staging.eks.accessEntries ?? []).map((e) => ({
            ...e,
            principalArn: e.principalArn.replace(staging.accountId, accountId),
          })),
        },
      };
      const [cost, data] = [c.cost.environments.staging, c.data.staging];
      if (!cost || !data) throw new Error('no staging cost or data');
      c.cost.environments.qa = structuredClone(cost);
      c.data.qa = structuredClone(data);
      c.ownership.environments.qa = {};
      c.deployOrder = ['dev', 'staging', 'qa', 'prod'];
    });
    const app = appWith(config);
    expect(app.names).toEqual(
      expect.arrayContaining(['qa-global-state', 'qa-us-east-1-network', 'qa-us-east-1-cluster', 'qa-us-east-1-database']),
    );
    expect(Object.values(app.stack('qa-us-east-1-cluster').resource.aws_eks_cluster ?? {})).toHaveLength(1);
    expect(clusterViews(config).map((v) => `${v.envName}/${v.region}`)).toContain('qa/us-east-1');
    expect(clusterWith(config, 'qa/us-east-1').files.has('kustomization.yaml')).toBe(true);
  });

  it('Add a region: prod on three regions synthesizes with every check green, and the new region is everywhere it should be', async () => {
    const config = applied((c) => {
      c.environments.prod?.regions.replicas?.push({ region: 'eu-west-1', vpcCidr: '10.32.0.0/16' });
      const edge = c.security.edge?.prod;
      if (edge) edge.failoverRegion = 'us-west-2';
    });
    const { output, findings } = await synthesize(config, { root: mkdtempSync(join(tmpdir(), 'how-to-region-')) });
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
    const names = output.stacks.map((s) => s.name);
    for (const kind of ['network', 'cluster', 'registry', 'security', 'ci-tunnel', 'ingress'])
      expect(names).toContain(`prod-eu-west-1-${kind}`);
    expect(output.clusters.map((c) => c.dir)).toContain('prod/eu-west-1');
    expect(output.states?.some((s) => s.dir === 'prod/eu-west-1')).toBe(true);
    const database = JSON.stringify(stack(output, 'prod-us-east-1-database'));
    expect(database).toContain('eu-west-1');
    expect(JSON.stringify(stack(output, 'prod-global-dns-failover'))).toContain('api-eu-west-1');
  }, 120_000);

  it('Change a budget: the budget resource follows it, and a production budget below the estimate fails synth', () => {
    const raised = applied((c) => {
      const prod = c.cost.environments.prod;
      if (prod) prod.monthlyBudgetUsd = 9_000;
    });
    const budgets = Object.values(accountStackWith(raised, 'prod', 'cost-controls').resource.aws_budgets_budget ?? {}) as {
      name: string;
      limit_amount: string;
    }[];
    expect(budgets.find((b) => b.name === 'prod-monthly')?.limit_amount).toBe('9000.00');
    const starved = applied((c) => {
      const prod = c.cost.environments.prod;
      if (prod) Object.assign(prod, { monthlyBudgetUsd: 1_000, allocationBudgets: [] });
    });
    // A budget changes only its cost-controls stack: the run's synth with that stack built from the starved config.
    const controls = { name: 'prod-global-cost-controls', json: accountStackWith(starved, 'prod', 'cost-controls') };
    const stacks = platformStacks().map((s) => (s.name === controls.name ? controls : s));
    expect(stacks).toContain(controls);
    const errors = budgetFindings({ stacks }, starved).filter((f) => f.severity === 'error');
    expect(errors.map((f) => f.where)).toEqual([expect.stringContaining('prod')]);
  });

  it('Bump a chart: the Application pins the new version, and without its archive synth names the command that vendors it', async () => {
    const dev = clusterAt('dev/us-east-1');
    const istiod = readChartLock(REPO_ROOT).charts.find((c) => c.chart === 'istiod');
    // The version a component's entry pins, bumped in the rendered Application as the entry would render it.
    const bumped = new Map(
      [...dev.objects].map(([file, docs]) => [
        file,
        docs.map((d) =>
          d.kind === 'Application' && (d.metadata as { name: string }).name === 'istiod'
            ? { ...d, spec: { ...(d.spec as object), source: { ...(d.spec as { source: object }).source, targetRevision: '1.99.0' } } }
            : d,
        ),
      ]),
    );
    await expect(renderClusterStates([{ ...dev, objects: bumped }])).rejects.toThrow(
      new RegExp(
        `pins istiod 1\\.99\\.0, but vendor/charts has istiod ${istiod?.version.replaceAll('.', '\\.')}: run 'npm run charts:refresh -- istiod 1\\.99\\.0'`,
      ),
    );
  });

  it('Bump the EKS version: one minor up synthesizes with it on both halves; a version past support names the next', () => {
    const previous = process.env.PLATFORM_TODAY;
    process.env.PLATFORM_TODAY = '2026-06-01';
    try {
      const onOld = applied((c) => {
        for (const env of Object.values(c.environments)) env.eks.version = '1.34';
      });
      expect(clusterViews(onOld).every((v) => v.kubeVersion === '1.34')).toBe(true);
      const bumped = applied((c) => {
        for (const env of Object.values(c.environments)) env.eks.version = '1.35';
      });
      const eks = Object.values(regionStackWith(bumped, 'dev/us-east-1', 'cluster').resource.aws_eks_cluster ?? {}) as {
        version: string;
      }[];
      expect(eks.map((c) => c.version)).toEqual(['1.35']);
      expect(clusterViews(bumped).every((v) => v.kubeVersion === '1.35')).toBe(true);
    } finally {
      process.env.PLATFORM_TODAY = previous;
    }
    expect(() =>
      applied((c) => {
        const dev = c.environments.dev;
        if (dev) dev.eks.version = '1.34';
      }),
    ).toThrow(/environments\.dev\.eks\.version: .*1\.35/);
  });
});
