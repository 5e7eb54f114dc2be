import { describe, expect, it } from 'vitest';
import { ARGOCD_NAMESPACE } from '../../charts/argocd/argo-cd-component.js';
import { platformConfig, resourcesOf } from '../support/platform.js';
import { allOf, gh, loadWorkflow } from './workflows.js';

const deploy = loadWorkflow('deploy.yml');
const callee = loadWorkflow('deploy-environment.yml');
const job = callee.jobs.deploy;
const steps = job?.steps ?? [];
const script = steps.flatMap((s) => (s.run ? [s.run] : [])).join('\n');

describe('deploy.yml', () => {
  it('runs on every push to the protected branch, one run at a time, never cancelled mid-apply', () => {
    expect(deploy.on.push).toEqual({ branches: [platformConfig().ownership.protectedBranch] });
    expect(deploy.concurrency).toEqual({ group: 'deploy-main', 'cancel-in-progress': false });
  });

  it('synthesizes once and hands the output to every environment', () => {
    const synthRuns = Object.values(deploy.jobs).flatMap((j) => j.steps ?? []).filter((s) => s.run === 'npm run synth');
    expect(synthRuns).toHaveLength(1);
    expect(script).not.toContain('npm run synth');
    expect(steps.find((s) => s.uses?.startsWith('actions/download-artifact@'))?.with?.name).toBe('synth-output');
  });

  it('deploys the environments in config.deployOrder, each after the previous one', () => {
    const chain = Object.entries(deploy.jobs).filter(([, j]) => j.uses === './.github/workflows/deploy-environment.yml');
    expect(chain.map(([, j]) => j.with?.environment)).toEqual(platformConfig().deployOrder);
    chain.forEach(([, j], i) => expect(j.needs).toBe(i === 0 ? 'synth' : chain[i - 1]?.[0]));
  });

  it('binds the deploy job to its GitHub environment (approvals, main-only, deployment record)', () => {
    expect(callee.on).toHaveProperty('workflow_call');
    expect(job?.environment).toBe(gh('inputs.environment'));
    expect(job?.permissions).toEqual({ contents: 'write', 'id-token': 'write' });
  });

  it('reaches AWS through OIDC with the role the governance stack publishes per environment', () => {
    const aws = steps.find((s) => s.uses?.startsWith('aws-actions/configure-aws-credentials@'));
    expect(aws?.with).toMatchObject({ 'role-to-assume': gh('vars.DEPLOY_ROLE_ARN'), 'aws-region': gh('vars.AWS_REGION'), 'allowed-account-ids': gh('vars.AWS_ACCOUNT_ID') });
    const published = new Set(resourcesOf('prod-global-github', 'github_actions_environment_variable').map((v) => v.variable_name));
    const used = [...callee.text.matchAll(/\$\{\{ vars\.(\w+) \}\}/g)].map((m) => m[1]).filter((v) => v !== 'GOVERNANCE_APP_ID');
    for (const name of used) expect(published).toContain(name);
  });

  it('installs Terraform with setup-terraform, keeps the plans and runs cdktf deploy', () => {
    expect(steps.some((s) => s.uses?.startsWith('hashicorp/setup-terraform@'))).toBe(true);
    expect(script).toMatch(/terraform -chdir="\$dir" plan .*-out=tfplan/);
    expect(steps.find((s) => s.uses?.startsWith('actions/upload-artifact@') && s.with?.path === 'plans/')).toBeDefined();
    expect(script).toContain(`npx cdktf deploy ${allOf('stacks')} --skip-synth --auto-approve`);
  });

  it('publishes dist/<env>/<region> to the branch and repository the Argo CD applications read', () => {
    const { repoURL, branch } = platformConfig().organization.gitops;
    expect(job?.env?.GITOPS_BRANCH).toBe(branch);
    expect(`https://github.com/${String(job?.env?.GITOPS_REPOSITORY)}.git`).toBe(repoURL);
    expect(script).toContain('cp -R "$dir" "gitops/$ENVIRONMENT/$(basename "$dir")"');
    expect(script).toContain('git -C gitops push origin "HEAD:refs/heads/$GITOPS_BRANCH"');
  });

  it('checks the clusters after deploying: Argo CD applications healthy', () => {
    expect(job?.env?.ARGOCD_NAMESPACE).toBe(ARGOCD_NAMESPACE);
    expect(script).toContain("--for=jsonpath='{.status.health.status}'=Healthy");
    expect(script).toContain('tools/drift/cli.ts clusters "$ENVIRONMENT"');
  });

  it('gives the governance stack a GitHub App token only where that stack is deployed', () => {
    const token = steps.find((s) => s.id === 'governance-token');
    expect(token?.if).toBe("contains(steps.stacks.outputs.list, '-global-github')");
  });
});
