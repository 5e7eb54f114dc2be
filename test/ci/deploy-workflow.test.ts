import { describe, expect, it } from 'vitest';
import { ARGOCD_NAMESPACE } from '../../charts/argocd-namespace.js';
import { platformConfig, resourcesOf } from '../support/platform.js';
import { gh, loadWorkflow, type Job, type Step } from './workflows.js';

const deploy = loadWorkflow('deploy.yml');
const stackFile = loadWorkflow('deploy-stack.yml');
const verifyFile = loadWorkflow('deploy-verify-stack.yml');
const releaseFile = loadWorkflow('deploy-environment.yml');
const apply = stackFile.jobs.apply;
const release = releaseFile.jobs.deploy;
const scriptOf = (job: Job | undefined) => (job?.steps ?? []).flatMap((s) => (s.run ? [s.run] : [])).join('\n');
const stepUsing = (job: Job | undefined, action: string): Step | undefined => job?.steps?.find((s) => s.uses?.startsWith(`${action}@`));
const callers = (file: string) => Object.entries(deploy.jobs).filter(([, j]) => j.uses === `./.github/workflows/${file}`);

describe('deploy.yml', () => {
  it('runs on every push to the protected branch, one run at a time, never cancelled mid-apply', () => {
    expect(deploy.on.push).toEqual({ branches: [platformConfig().ownership.protectedBranch] });
    expect(deploy.concurrency).toEqual({ group: 'deploy-main', 'cancel-in-progress': false });
  });

  it('synthesizes once, checks that it is the plan of that synth, and hands the output to every job', () => {
    const steps = deploy.jobs.synth?.steps ?? [];
    expect(steps.map((s) => s.run).filter(Boolean)).toEqual(['npm ci', 'npm run synth', 'npm run deploy-plan -- --check']);
    expect(
      Object.values(deploy.jobs)
        .flatMap((j) => j.steps ?? [])
        .filter((s) => s.run === 'npm run synth'),
    ).toHaveLength(1);
    expect(stepUsing(deploy.jobs.synth, 'actions/upload-artifact')?.with?.name).toBe('synth-output');
    for (const job of [apply, verifyFile.jobs.verify, release]) {
      expect(stepUsing(job, 'actions/download-artifact')?.with?.name).toBe('synth-output');
      expect(scriptOf(job)).not.toContain('npm run synth');
    }
  });

  it('uses the Node.js version of the PR workflow', () => {
    const nodeOf = (job: Job | undefined) => stepUsing(job, 'actions/setup-node')?.with?.['node-version'];
    const pr = loadWorkflow('pr.yml') as { env?: Record<string, unknown> };
    expect(nodeOf(loadWorkflow('pr.yml').jobs['unit-tests'])).toBe(gh('env.NODE_VERSION'));
    expect(nodeOf(deploy.jobs.synth)).toBe(String(pr.env?.NODE_VERSION));
    expect(nodeOf(loadWorkflow('drift.yml').jobs.synth)).toBe(nodeOf(deploy.jobs.synth));
  });

  it('releases the environments in config.deployOrder, each after the previous one', () => {
    const releases = callers('deploy-environment.yml');
    expect(releases.map(([, j]) => j.with?.environment)).toEqual(platformConfig().deployOrder);
    releases.forEach(([, j], i) => expect([j.needs].flat()[0]).toBe(i === 0 ? 'synth' : releases[i - 1]?.[0]));
  });
});

describe('deploy-stack.yml (one stack)', () => {
  it('is bound to the GitHub environment without a deployment record of its own', () => {
    expect(stackFile.on).toHaveProperty('workflow_call');
    expect(apply?.environment).toEqual({ name: gh('inputs.environment'), deployment: false });
    expect(apply?.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
  });

  it('reaches AWS through OIDC with the role the governance stack publishes per environment', () => {
    const aws = stepUsing(apply, 'aws-actions/configure-aws-credentials');
    expect(aws?.with).toMatchObject({
      'role-to-assume': gh('vars.DEPLOY_ROLE_ARN'),
      'aws-region': gh('vars.AWS_REGION'),
      'allowed-account-ids': gh('vars.AWS_ACCOUNT_ID'),
    });
    const published = new Set(resourcesOf('prod-global-github', 'github_actions_environment_variable').map((v) => v.variable_name));
    const used = [stackFile.text, releaseFile.text]
      .flatMap((t) => [...t.matchAll(/\$\{\{ vars\.(\w+) \}\}/g)].map((m) => m[1]))
      .filter((v) => v !== 'GOVERNANCE_APP_ID');
    expect(used.length).toBeGreaterThan(0);
    for (const name of used) expect(published).toContain(name);
  });

  it('plans into a plan file, keeps it as the plan-<stack> artifact, then applies exactly that plan', () => {
    const steps = apply?.steps ?? [];
    const script = scriptOf(apply);
    expect(script).toMatch(/terraform -chdir="\$dir" plan .*-detailed-exitcode -out=tfplan/);
    const upload = steps.findIndex((s) => s.uses?.startsWith('actions/upload-artifact@'));
    const applyStep = steps.findIndex((s) => s.run?.includes(' apply '));
    expect(steps[upload]?.with).toMatchObject({ name: `plan-${gh('inputs.stack')}`, path: 'plan/', overwrite: true });
    expect(upload).toBeLessThan(applyStep);
    expect(steps[applyStep]?.run).toBe('terraform -chdir="cdktf.out/stacks/$STACK" apply -input=false -no-color -lock-timeout=10m tfplan');
    expect(steps[applyStep]?.if).toBe("steps.plan.outputs.changes == 'true'");
    expect(script).not.toMatch(/cdktf deploy|-auto-approve/);
  });

  it('points a failed init at the state bootstrap', () => {
    expect(scriptOf(apply)).toContain('bootstrap it first: npm run state -- bootstrap $ENVIRONMENT');
  });

  it('gives the governance stack a GitHub App token, and no other stack', () => {
    expect(apply?.steps?.find((s) => s.id === 'governance-token')?.if).toBe('inputs.github-app');
  });
});

describe('deploy-verify-stack.yml (the administrator-applied stack)', () => {
  const verify = verifyFile.jobs.verify;

  it('plans with the read-only role, without an environment and without the lock, and fails on pending changes', () => {
    expect(verify?.environment).toBeUndefined();
    expect(stepUsing(verify, 'aws-actions/configure-aws-credentials')?.with?.['role-to-assume']).toBe(gh('inputs.role'));
    const script = scriptOf(verify);
    expect(script).toContain('-lock=false -detailed-exitcode');
    expect(script).toMatch(
      /if \[ "\$code" -eq 2 \]; then\n\s+echo "::error::\$STACK has changes the deploy role may not apply: an administrator applies them/,
    );
    expect(script).not.toMatch(/ apply /);
  });
});

describe('deploy-environment.yml (the release of one environment)', () => {
  const script = scriptOf(release);

  it('is bound to the GitHub environment (approvals, main only, the one deployment record of the run)', () => {
    expect(releaseFile.on).toHaveProperty('workflow_call');
    expect(release?.environment).toBe(gh('inputs.environment'));
    expect(release?.permissions).toEqual({ contents: 'write', 'id-token': 'write' });
  });

  it('records a failed stack as a failed deployment before publishing anything', () => {
    const [first] = release?.steps ?? [];
    expect(first?.env?.APPLIED).toBe(gh('inputs.applied'));
    expect(first?.run).toContain('if [ "$APPLIED" != "true" ]; then');
    for (const [, job] of callers('deploy-environment.yml'))
      expect(job.with?.applied).toBe(
        gh("!contains(needs.*.result, 'failure') && !contains(needs.*.result, 'cancelled') && !contains(needs.*.result, 'skipped')"),
      );
  });

  it('publishes dist/<env>/<region> to the branch and repository the Argo CD applications read', () => {
    const { repoURL, branch } = platformConfig().organization.gitops;
    expect(release?.env?.GITOPS_BRANCH).toBe(branch);
    expect(`https://github.com/${String(release?.env?.GITOPS_REPOSITORY)}.git`).toBe(repoURL);
    expect(script).toContain('cp -R "$dir" "gitops/$ENVIRONMENT/$(basename "$dir")"');
    expect(script).toContain('git -C gitops push origin "HEAD:refs/heads/$GITOPS_BRANCH"');
  });

  it('checks the clusters after deploying: Argo CD applications healthy', () => {
    expect(release?.env?.ARGOCD_NAMESPACE).toBe(ARGOCD_NAMESPACE);
    expect(script).toContain("--for=jsonpath='{.status.health.status}'=Healthy");
    expect(script).toContain('npm run -s drift -- clusters "$ENVIRONMENT"');
  });
});
