import { ActionsEnvironmentVariable } from '@cdktf/provider-github/lib/actions-environment-variable';
import { DataGithubTeam } from '@cdktf/provider-github/lib/data-github-team';
import { GithubProvider } from '@cdktf/provider-github/lib/provider';
import { Repository } from '@cdktf/provider-github/lib/repository';
import { RepositoryDependabotSecurityUpdates } from '@cdktf/provider-github/lib/repository-dependabot-security-updates';
import { RepositoryEnvironment } from '@cdktf/provider-github/lib/repository-environment';
import { RepositoryEnvironmentDeploymentPolicy } from '@cdktf/provider-github/lib/repository-environment-deployment-policy';
import { RepositoryRuleset } from '@cdktf/provider-github/lib/repository-ruleset';
import { TeamRepository } from '@cdktf/provider-github/lib/team-repository';
import { Token } from 'cdktf';
import type { Construct } from 'constructs';
import { protectedBranchApprovals } from '../config/derive/ownership.js';
import { orderedEnvironments } from '../config/derive/targets.js';
import type { PlatformConfig } from '../config/schema/platform.js';
import { PlatformStack } from './platform-stack.js';

/** The GitHub Actions app: only its check runs satisfy a required check (no look-alike statuses). */
export const GITHUB_ACTIONS_APP_ID = 15368;

const enabled = { status: 'enabled' };

/**
 * `<env>-global-github`: the repository's protection as code, from the
 * ownership map. Repository settings (secret scanning with push protection,
 * Dependabot alerts and security updates, squash-only merges), a ruleset on the
 * protected branch with no bypass actors (admins included), team access for
 * every code owner, and the deployment environments with their gates and the
 * variables the deploy workflow reads. State lives in the governance
 * environment's bucket; the GitHub token comes from GITHUB_TOKEN at apply time.
 */
export class GithubGovernanceStack extends PlatformStack {
  readonly repository: Repository;
  readonly ruleset: RepositoryRuleset;

  constructor(scope: Construct, config: PlatformConfig) {
    const { ownership } = config;
    super(scope, { config, envName: ownership.governanceEnvironment, region: 'global', kind: 'github', tags: { Service: 'github-governance' } });
    const [owner, name] = config.organization.repository.split('/') as [string, string];
    new GithubProvider(this, 'github', { owner });

    this.repository = new Repository(this, 'repository', {
      name,
      description: 'TradeSense platform as code: AWS (cdktf) and Kubernetes (cdk8s) from one typed config',
      visibility: 'private',
      hasIssues: true,
      hasWiki: false,
      hasProjects: false,
      // Squash only: one commit per PR keeps main linear and every commit revertable.
      allowSquashMerge: true,
      allowMergeCommit: false,
      allowRebaseMerge: false,
      squashMergeCommitTitle: 'PR_TITLE',
      squashMergeCommitMessage: 'PR_BODY',
      deleteBranchOnMerge: true,
      vulnerabilityAlerts: true,
      securityAndAnalysis: {
        advancedSecurity: enabled,
        secretScanning: enabled,
        secretScanningPushProtection: enabled,
      },
      // The repository pre-exists (imported, docs/ci-cd.md); destroying the stack must never delete it.
      archiveOnDestroy: true,
      lifecycle: { preventDestroy: true },
    });
    const repository = this.repository.name;
    new RepositoryDependabotSecurityUpdates(this, 'dependabot-security-updates', { repository, enabled: true });

    const slugOf = (team: string) => {
      const githubTeam = config.teams.find((t) => t.name === team)?.githubTeam;
      if (!githubTeam) throw new Error(`ownership names unknown team '${team}'; add it to teams`);
      return githubTeam.slice(githubTeam.indexOf('/') + 1);
    };
    // CODEOWNERS only takes effect for teams with write access.
    const owners = [...new Set([...ownership.defaultTeams, ...ownership.rules.flatMap((r) => r.teams)])].sort();
    for (const team of owners) {
      new TeamRepository(this, `team-${team}`, { teamId: slugOf(team), repository, permission: ownership.defaultTeams.includes(team) ? 'maintain' : 'push' });
    }

    this.ruleset = new RepositoryRuleset(this, 'protected-branch', {
      name: `protect-${ownership.protectedBranch}`,
      repository,
      target: 'branch',
      enforcement: 'active',
      conditions: { refName: { include: [`refs/heads/${ownership.protectedBranch}`], exclude: [] } },
      // No bypassActors: nobody, repository and organization admins included, skips these rules.
      rules: {
        deletion: true,
        nonFastForward: true,
        requiredLinearHistory: true,
        pullRequest: {
          requiredApprovingReviewCount: protectedBranchApprovals(ownership),
          requireCodeOwnerReview: true,
          dismissStaleReviewsOnPush: true,
          requireLastPushApproval: true,
          requiredReviewThreadResolution: true,
        },
        requiredStatusChecks: {
          strictRequiredStatusChecksPolicy: true,
          requiredCheck: ownership.requiredChecks.map((context) => ({ context, integrationId: GITHUB_ACTIONS_APP_ID })),
        },
      },
    });

    // The rendered-manifests branch is what Argo CD applies: only the deploy workflow may write it.
    new RepositoryRuleset(this, 'gitops-branch', {
      name: `protect-${config.organization.gitops.branch}`,
      repository,
      target: 'branch',
      enforcement: 'active',
      conditions: { refName: { include: [`refs/heads/${config.organization.gitops.branch}`], exclude: [] } },
      bypassActors: [{ actorType: 'Integration', actorId: GITHUB_ACTIONS_APP_ID, bypassMode: 'always' }],
      rules: { update: true, deletion: true, nonFastForward: true },
    });

    const teamIds = new Map<string, number>();
    const teamId = (team: string) => {
      const known = teamIds.get(team);
      if (known !== undefined) return known;
      const id = Token.asNumber(new DataGithubTeam(this, `reviewer-${team}`, { slug: slugOf(team), summaryOnly: true }).id);
      teamIds.set(team, id);
      return id;
    };
    for (const [envName, env] of orderedEnvironments(config)) {
      const gate = ownership.environments[envName] ?? { reviewers: [], waitTimerMinutes: 0 };
      const environment = new RepositoryEnvironment(this, `environment-${envName}`, {
        repository,
        environment: envName,
        waitTimer: gate.waitTimerMinutes,
        canAdminsBypass: false,
        preventSelfReview: gate.reviewers.length > 0,
        reviewers: gate.reviewers.length > 0 ? [{ teams: gate.reviewers.map(teamId) }] : undefined,
        // Custom policies (not "protected branches") so that exactly one branch may deploy.
        deploymentBranchPolicy: { protectedBranches: false, customBranchPolicies: true },
      });
      new RepositoryEnvironmentDeploymentPolicy(this, `environment-${envName}-branch`, {
        repository,
        environment: environment.environment,
        branchPattern: ownership.protectedBranch,
      });
      const variables: Record<string, string> = {
        AWS_ACCOUNT_ID: env.accountId,
        AWS_REGION: config.organization.homeRegion,
        DEPLOY_ROLE_ARN: `arn:aws:iam::${env.accountId}:role/${ownership.deployRoleName}`,
      };
      for (const [variableName, value] of Object.entries(variables)) {
        new ActionsEnvironmentVariable(this, `environment-${envName}-${variableName.toLowerCase()}`, {
          repository,
          environment: environment.environment,
          variableName,
          value,
        });
      }
    }
  }
}
