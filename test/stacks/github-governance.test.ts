import { describe, expect, it } from 'vitest';
import { Testing } from 'cdktf';
import { githubGovernance } from '../../config/derive/github.js';
import { stackEnvironment } from '../../config/derive/stack-environment.js';
import { GITHUB_ACTIONS_APP_ID, GithubGovernanceStack } from '../../stacks/github-governance.js';
import { configWith, platformConfig, platformStacks, resourcesOf, stackJson, synthStack } from '../support/platform.js';

const STACK = 'prod-global-github';
const ruleset = (name = 'protect-main') => resourcesOf(STACK, 'github_repository_ruleset').find((r) => r.name === name);

describe('GitHub governance stack', () => {
  it('is named after the governance environment and keeps state in its bucket', () => {
    const json = stackJson(STACK);
    expect(json.terraform.backend.s3).toMatchObject({
      key: `${STACK}/terraform.tfstate`,
      bucket: expect.stringContaining('-prod-tfstate-'),
    });
    expect(json.provider.github).toEqual([{ owner: 'tradesense' }]);
  });

  it('turns on secret scanning with push protection, vulnerability alerts and security updates', () => {
    expect(synthStack(STACK)).toHaveResourceWithProperties(
      { tfResourceType: 'github_repository' },
      {
        name: 'platform',
        vulnerability_alerts: true,
        security_and_analysis: {
          advanced_security: { status: 'enabled' },
          secret_scanning: { status: 'enabled' },
          secret_scanning_push_protection: { status: 'enabled' },
        },
      },
    );
    expect(synthStack(STACK)).toHaveResourceWithProperties(
      { tfResourceType: 'github_repository_dependabot_security_updates' },
      { enabled: true },
    );
  });

  it('allows squash merges only and deletes merged branches', () => {
    const [repo] = resourcesOf(STACK, 'github_repository');
    expect(repo).toMatchObject({
      allow_squash_merge: true,
      allow_merge_commit: false,
      allow_rebase_merge: false,
      delete_branch_on_merge: true,
    });
    expect(repo?.lifecycle).toEqual({ prevent_destroy: true });
  });

  it('protects main: PRs with code-owner review, 2 approvals, stale reviews dismissed, last push approved', () => {
    expect(ruleset()).toMatchObject({
      target: 'branch',
      enforcement: 'active',
      conditions: { ref_name: { include: ['refs/heads/main'] } },
      rules: {
        pull_request: {
          required_approving_review_count: 2,
          require_code_owner_review: true,
          dismiss_stale_reviews_on_push: true,
          require_last_push_approval: true,
        },
      },
    });
  });

  it('requires linear history and blocks force pushes and deletion, with no bypass actors (admins included)', () => {
    expect(ruleset()?.rules).toMatchObject({ required_linear_history: true, non_fast_forward: true, deletion: true });
    expect(ruleset()?.bypass_actors).toBeUndefined();
  });

  it('requires every configured check, reported by GitHub Actions', () => {
    const checks = ruleset()?.rules.required_status_checks;
    expect(checks.strict_required_status_checks_policy).toBe(true);
    expect(checks.required_check).toEqual(
      platformConfig().ownership.requiredChecks.map((context) => ({ context, integration_id: GITHUB_ACTIONS_APP_ID })),
    );
  });

  it('lets only GitHub Actions write the rendered-manifests branch Argo CD applies', () => {
    expect(ruleset('protect-rendered-manifests')).toMatchObject({
      conditions: { ref_name: { include: ['refs/heads/rendered-manifests'] } },
      bypass_actors: [{ actor_type: 'Integration', actor_id: GITHUB_ACTIONS_APP_ID, bypass_mode: 'always' }],
      rules: { update: true, deletion: true, non_fast_forward: true },
    });
  });

  it('needs 1 approval when no path is prod-affecting', () => {
    const config = configWith((c) => {
      for (const rule of c.ownership.rules) rule.prodAffecting = false;
    });
    const app = Testing.app({ stackTraces: false });
    const stack = new GithubGovernanceStack(app, STACK, { environment: stackEnvironment(config, 'prod'), ...githubGovernance(config) });
    const json = JSON.parse(Testing.synth(stack));
    const main = (Object.values(json.resource.github_repository_ruleset) as any[]).find((r) => r.name === 'protect-main');
    expect(main.rules.pull_request.required_approving_review_count).toBe(1);
  });

  it('creates dev, staging and prod environments deployable from main only', () => {
    const environments = resourcesOf(STACK, 'github_repository_environment');
    expect(environments.map((e) => e.environment).sort()).toEqual(['dev', 'prod', 'staging']);
    for (const env of environments) {
      expect(env.deployment_branch_policy).toEqual({ protected_branches: false, custom_branch_policies: true });
      expect(env.can_admins_bypass).toBe(false);
    }
    const policies = resourcesOf(STACK, 'github_repository_environment_deployment_policy');
    expect(policies.map((p) => p.branch_pattern)).toEqual(['main', 'main', 'main']);
  });

  it('gates prod behind the platform team and a wait timer; dev deploys without approval', () => {
    const byName = Object.fromEntries(resourcesOf(STACK, 'github_repository_environment').map((e) => [e.environment, e]));
    expect(byName.prod).toMatchObject({
      wait_timer: 10,
      prevent_self_review: true,
      reviewers: [{ teams: [expect.stringContaining('data.github_team.reviewer-platform')] }],
    });
    expect(byName.dev?.reviewers).toBeUndefined();
    expect(Object.keys(stackJson(STACK).data?.github_team ?? {})).toEqual(['reviewer-platform']);
    expect(stackJson(STACK).data?.github_team?.['reviewer-platform']).toMatchObject({ slug: 'platform', summary_only: true });
  });

  it('hands each environment its account and OIDC deploy role as Actions variables', () => {
    const variables = resourcesOf(STACK, 'github_actions_environment_variable');
    expect(variables).toContainEqual(
      expect.objectContaining({ variable_name: 'DEPLOY_ROLE_ARN', value: 'arn:aws:iam::410987654321:role/github-actions-deploy' }),
    );
    expect(
      variables
        .filter((v) => v.variable_name === 'AWS_ACCOUNT_ID')
        .map((v) => v.value)
        .sort(),
    ).toEqual(['210987654321', '310987654321', '410987654321']);
  });

  it('grants every code-owner team write access (CODEOWNERS ignores teams without it)', () => {
    const grants = Object.fromEntries(resourcesOf(STACK, 'github_team_repository').map((g) => [g.team_id, g.permission]));
    expect(grants).toEqual({ 'market-data': 'push', platform: 'maintain', portfolio: 'push', risk: 'push', trading: 'push' });
  });

  it('rejects a prod environment without reviewers, also when its gate is missing', () => {
    expect(() =>
      configWith((c) => {
        delete c.ownership.environments.prod;
      }),
    ).toThrow(/production environment 'prod' deploys without approval/);
    expect(() =>
      configWith((c) => {
        c.ownership.environments.prod = { reviewers: [], waitTimerMinutes: 10 };
      }),
    ).toThrow(/production environment 'prod' deploys without approval/);
  });

  it('rejects an unknown reviewer team and an unknown environment', () => {
    expect(() =>
      configWith((c) => {
        c.ownership.environments.prod = { reviewers: ['auditors'] };
      }),
    ).toThrow(/unknown team 'auditors'/);
    expect(() =>
      configWith((c) => {
        c.ownership.governanceEnvironment = 'qa';
      }),
    ).toThrow(/ownership\.governanceEnvironment: unknown environment 'qa'; use one of dev, staging, prod/);
  });

  it('is registered once in the app: the one stack that configures GitHub', () => {
    expect(
      platformStacks()
        .filter((s) => s.json.provider?.github !== undefined)
        .map((s) => s.name),
    ).toEqual([STACK]);
  });
});
