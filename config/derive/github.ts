import type { PlatformConfig } from '../schema/platform.js';
import { protectedBranchApprovals } from './ownership.js';
import { orderedEnvironments } from './targets.js';

/** A GitHub team by its platform name and its slug (the part of `org/slug` after the slash). */
export interface GithubTeamRef {
  readonly team: string;
  readonly slug: string;
}

/** A code-owner team's access to the repository. */
export interface GithubTeamAccess extends GithubTeamRef {
  readonly permission: 'maintain' | 'push';
}

/** The GitHub deployment environment of one platform environment: its gate and the variables the deploy workflow reads. */
export interface GithubDeploymentEnvironment {
  readonly name: string;
  readonly waitTimerMinutes: number;
  /** Teams one of whose members approves each deploy; none: deploys run unreviewed. */
  readonly reviewers: readonly GithubTeamRef[];
  readonly variables: Readonly<Record<string, string>>;
}

/** The repository's protection as the GitHub governance stack applies it, resolved from config.ownership. */
export interface GithubGovernance {
  /** `owner/name` (config.organization.repository). */
  readonly repository: string;
  readonly protectedBranch: string;
  /** The rendered-manifests branch Argo CD applies (config.organization.gitops.branch). */
  readonly gitopsBranch: string;
  readonly requiredApprovals: number;
  readonly requiredChecks: readonly string[];
  /** Every code-owner team, sorted: CODEOWNERS only takes effect for teams with write access. */
  readonly teams: readonly GithubTeamAccess[];
  /** One per environment, in deploy order. */
  readonly environments: readonly GithubDeploymentEnvironment[];
}

export function githubGovernance(config: PlatformConfig): GithubGovernance {
  const { ownership } = config;
  const ref = (team: string): GithubTeamRef => {
    const githubTeam = config.teams.find((t) => t.name === team)?.githubTeam;
    if (!githubTeam) throw new Error(`ownership names unknown team '${team}'; add it to teams`);
    return { team, slug: githubTeam.slice(githubTeam.indexOf('/') + 1) };
  };
  const owners = [...new Set([...ownership.defaultTeams, ...ownership.rules.flatMap((r) => r.teams)])].sort();
  return {
    repository: config.organization.repository,
    protectedBranch: ownership.protectedBranch,
    gitopsBranch: config.organization.gitops.branch,
    requiredApprovals: protectedBranchApprovals(ownership),
    requiredChecks: ownership.requiredChecks,
    teams: owners.map((team) => ({ ...ref(team), permission: ownership.defaultTeams.includes(team) ? 'maintain' : 'push' })),
    environments: orderedEnvironments(config).map(([name, env]) => {
      const gate = ownership.environments[name] ?? { reviewers: [], waitTimerMinutes: 0 };
      return {
        name,
        waitTimerMinutes: gate.waitTimerMinutes,
        reviewers: gate.reviewers.map(ref),
        variables: {
          AWS_ACCOUNT_ID: env.accountId,
          AWS_REGION: config.organization.homeRegion,
          DEPLOY_ROLE_ARN: `arn:aws:iam::${env.accountId}:role/${ownership.deployRoleName}`,
        },
      };
    }),
  };
}
