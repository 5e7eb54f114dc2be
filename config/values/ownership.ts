import type { PlatformConfigInput } from '../schema/platform.js';
import { services } from './teams.js';

/**
 * Who owns which path of the repository and who approves what; CODEOWNERS and
 * the GitHub governance stack are generated from this map. Last match wins.
 * The teams that own a service co-own the workloads and load tests: a new
 * service's team gets there with no edit here.
 */
export function ownershipOf(serviceList: PlatformConfigInput['services']): PlatformConfigInput['ownership'] {
  const SERVICE_TEAMS = [...new Set(serviceList.map((s) => s.team))].filter((team) => team !== 'platform');
  return {
    defaultTeams: ['platform'],
    rules: [
      { pattern: '/config/', teams: ['platform'], prodAffecting: true, reason: 'Typed config: every stack and chart reads it.' },
      { pattern: '/stacks/', teams: ['platform'], prodAffecting: true, reason: 'Terraform stacks applied to the AWS accounts.' },
      { pattern: '/constructs/', teams: ['platform'], prodAffecting: true, reason: 'Building blocks of every stack.' },
      { pattern: '/charts/', teams: ['platform'], prodAffecting: true, reason: 'Manifests Argo CD syncs to every cluster.' },
      {
        pattern: '/charts/workloads/',
        teams: ['platform', ...SERVICE_TEAMS],
        prodAffecting: true,
        reason: 'Service workloads: their teams co-own them.',
      },
      { pattern: '/policies/', teams: ['platform'], prodAffecting: true, reason: 'Guardrails at synth and admission.' },
      { pattern: '/functions/', teams: ['platform'], prodAffecting: true, reason: 'Lambda code deployed by the stacks.' },
      { pattern: '/tools/', teams: ['platform'], reason: 'Synth, review and CI tooling.' },
      { pattern: '/tools/synth/', teams: ['platform'], prodAffecting: true, reason: 'The synth and its checks decide what is deployed.' },
      { pattern: '/test/', teams: ['platform'], reason: 'Tests of the platform code.' },
      { pattern: '/load-tests/', teams: ['platform', ...SERVICE_TEAMS], reason: 'k6 load tests run against staging.' },
      { pattern: '/docs/', teams: ['platform'], reason: 'Runbooks and design notes.' },
      { pattern: '/README.md', teams: ['platform'], reason: 'Entry point of the repository.' },
      { pattern: '/SECURITY.md', teams: ['platform'], reason: 'Security policy and disclosure process.' },
      { pattern: '/.github/', teams: ['platform'], prodAffecting: true, reason: 'Workflows hold the deploy pipeline and its credentials.' },
      { pattern: '/CODEOWNERS', teams: ['platform'], prodAffecting: true, reason: 'Generated from config; decides who reviews.' },
      { pattern: '/.ci/', teams: ['platform'], reason: 'Local CI entry point.' },
      { pattern: '/package.json', teams: ['platform'], prodAffecting: true, reason: 'Dependencies ship with every deploy.' },
      { pattern: '/package-lock.json', teams: ['platform'], prodAffecting: true, reason: 'Pinned dependency tree.' },
      { pattern: '/.npmrc', teams: ['platform'], prodAffecting: true, reason: 'How npm resolves the dependency tree (peer dependencies).' },
      { pattern: '/vendor/', teams: ['platform'], prodAffecting: true, reason: 'Upstream Helm chart archives: what every cluster runs.' },
      { pattern: '/cdktf.json', teams: ['platform'], prodAffecting: true, reason: 'Points cdktf deploy at the app.' },
      { pattern: '/cdk8s.yaml', teams: ['platform'], prodAffecting: true, reason: 'Points cdk8s at the charts.' },
      { pattern: '/tsconfig.json', teams: ['platform'], reason: 'Compiler settings.' },
      { pattern: '/eslint.config.js', teams: ['platform'], reason: 'Lint rules (deep imports, no non-null assertions).' },
      { pattern: '/vitest.config.ts', teams: ['platform'], reason: 'Test runner settings.' },
      { pattern: '/.prettierrc.json', teams: ['platform'], reason: 'Formatter settings (line width, quotes).' },
      { pattern: '/.prettierignore', teams: ['platform'], reason: 'What the formatter leaves alone (generated and vendored files).' },
      { pattern: '/.editorconfig', teams: ['platform'], reason: 'Editor basics: charset, line endings, indentation.' },
      { pattern: '/.gitignore', teams: ['platform'], reason: 'Keeps build output and state out of git.' },
    ],
    protectedBranch: 'main',
    approvals: { standard: 1, prodAffecting: 2 },
    requiredChecks: [
      'typecheck-lint',
      'unit-tests',
      'synth',
      'manifests',
      'rego',
      'secrets',
      'iac-scan',
      'dependency-audit',
      'codeql',
      'actionlint',
      'synth-diff',
    ],
    environments: {
      dev: {},
      staging: {},
      prod: { reviewers: ['platform'], waitTimerMinutes: 10 },
    },
    governanceEnvironment: 'prod',
    deployRoleName: 'github-actions-deploy',
    readOnlyRoleName: 'github-actions-readonly',
  };
}

export const ownership = ownershipOf(services);
