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
import type { GithubGovernance, GithubTeamRef } from '../config/derive/github.js';
import type { StackEnvironment } from '../config/derive/stack-environment.js';
import { PlatformStack } from './platform-stack.js';

/** The GitHub Actions app: only its check runs satisfy a required check (no look-alike statuses). */
export const GITHUB_ACTIONS_APP_ID = 15368;

const enabled = { status: 'enabled' };

export interface GithubGovernanceStackProps extends GithubGovernance {
  /** The governance environment (config.ownership.governanceEnvironment): its bucket holds the state. */
  readonly environment: StackEnvironment;
}

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

  constructor(scope: Construct, id: string, props: GithubGovernanceStackProps) {
    super(scope, { environment: props.environment, region: 'global', kind: 'github', tags: { Service: 'github-governance' } }, id);
    const [owner, name] = props.repository.split('/') as [string, string];
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

    // CODEOWNERS only takes effect for teams with write access.
    for (const { team, slug, permission } of props.teams) {
      new TeamRepository(this, `team-${team}`, { teamId: slug, repository, permission });
    }

    this.ruleset = new RepositoryRuleset(this, 'protected-branch', {
      name: `protect-${props.protectedBranch}`,
      repository,
      target: 'branch',
      enforcement: 'active',
      conditions: { refName: { include: [`refs/heads/${props.protectedBranch}`], exclude: [] } },
      // No bypassActors: nobody, repository and organization admins included, skips these rules.
      rules: {
        deletion: true,
        nonFastForward: true,
        requiredLinearHistory: true,
        pullRequest: {
          requiredApprovingReviewCount: props.requiredApprovals,
          requireCodeOwnerReview: true,
          dismissStaleReviewsOnPush: true,
          requireLastPushApproval: true,
          requiredReviewThreadResolution: true,
        },
        requiredStatusChecks: {
          strictRequiredStatusChecksPolicy: true,
          requiredCheck: props.requiredChecks.map((context) => ({ context, integrationId: GITHUB_ACTIONS_APP_ID })),
        },
      },
    });

    // The rendered-manifests branch is what Argo CD applies: only the deploy workflow may write it.
    new RepositoryRuleset(this, 'gitops-branch', {
      name: `protect-${props.gitopsBranch}`,
      repository,
      target: 'branch',
      enforcement: 'active',
      conditions: { refName: { include: [`refs/heads/${props.gitopsBranch}`], exclude: [] } },
      bypassActors: [{ actorType: 'Integration', actorId: GITHUB_ACTIONS_APP_ID, bypassMode: 'always' }],
      rules: { update: true, deletion: true, nonFastForward: true },
    });

    const teamIds = new Map<string, number>();
    const teamId = ({ team, slug }: GithubTeamRef) => {
      const known = teamIds.get(team);
      if (known !== undefined) return known;
      const teamNumber = Token.asNumber(new DataGithubTeam(this, `reviewer-${team}`, { slug, summaryOnly: true }).id);
      teamIds.set(team, teamNumber);
      return teamNumber;
    };
    for (const gate of props.environments) {
      const envName = gate.name;
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
        branchPattern: props.protectedBranch,
      });
      for (const [variableName, value] of Object.entries(gate.variables)) {
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
