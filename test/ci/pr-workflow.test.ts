import { describe, expect, it } from 'vitest';
import { platformConfig, resourcesOf } from '../support/platform.js';
import { allOf, gh, loadWorkflow } from './workflows.js';

const pr = loadWorkflow('pr.yml');
const runs = (job: string) => (pr.jobs[job]?.steps ?? []).flatMap((s) => (s.run ? [s.run] : []));
const uses = (job: string) => (pr.jobs[job]?.steps ?? []).flatMap((s) => (s.uses ? [s.uses.split('@')[0]] : []));

describe('pr.yml', () => {
  it('runs on pull requests to the protected branch', () => {
    expect(pr.on.pull_request).toMatchObject({ branches: [platformConfig().ownership.protectedBranch] });
  });

  it('names every required status check of the ruleset after one of its jobs', () => {
    const rulesets = resourcesOf('prod-global-github', 'github_repository_ruleset').filter((r) => r.rules.required_status_checks);
    expect(rulesets.map((r) => r.name)).toEqual(['protect-main']);
    const contexts: string[] = rulesets.flatMap((r) =>
      r.rules.required_status_checks.required_check.map((c: { context: string }) => c.context),
    );
    // Check runs are named after the job id unless the job sets a name.
    const checkNames = Object.entries(pr.jobs).map(([id, job]) => job.name ?? id);
    expect(contexts.length).toBeGreaterThan(0);
    for (const context of contexts) expect(checkNames).toContain(context);
  });

  it('requires every stage it runs (no job can be skipped on the way to main)', () => {
    expect(Object.keys(pr.jobs).sort()).toEqual([...platformConfig().ownership.requiredChecks].sort());
  });

  it.each([
    ['typecheck-lint', 'npm run typecheck'],
    ['typecheck-lint', 'npm run lint'],
    ['typecheck-lint', 'npm run format:check'],
    ['typecheck-lint', 'npm run codeowners -- --check'],
    ['unit-tests', 'npm test'],
    ['synth', 'npm run synth'],
    ['synth', 'terraform -chdir="$dir" init -backend=false -input=false'],
    ['synth', 'terraform -chdir="$dir" validate -no-color'],
    ['manifests', 'kubeconform -strict'],
    ['rego', 'opa test policies/rego'],
    ['rego', 'gator verify policies/rego/...'],
    ['iac-scan', 'checkov --config-file .github/checkov.yaml --directory cdktf.out/stacks'],
    ['dependency-audit', 'npm audit --audit-level=high'],
    ['synth-diff', `npm run --silent diff -- ${allOf('args')}`],
  ])('%s runs %s', (job, command) => {
    expect(runs(job).join('\n')).toContain(command);
  });

  it.each([
    ['secrets', 'gitleaks/gitleaks-action'],
    ['dependency-audit', 'actions/dependency-review-action'],
    ['codeql', 'github/codeql-action/init'],
    ['codeql', 'github/codeql-action/analyze'],
    ['synth-diff', 'marocchino/sticky-pull-request-comment'],
    ['synth', 'hashicorp/setup-terraform'],
    ['synth', 'actions/cache'],
  ])('%s uses %s', (job, action) => {
    expect(uses(job)).toContain(action);
  });

  it('diffs against main and passes --allow-destroy only for the allow-destroy label', () => {
    const step = pr.jobs['synth-diff']?.steps?.find((s) => s.id === 'diff');
    expect(step?.run).toContain('args=(--base origin/main');
    expect(step?.env?.ALLOW_DESTROY).toBe(gh("contains(github.event.pull_request.labels.*.name, 'allow-destroy')"));
  });

  it('analyses JavaScript and TypeScript with CodeQL', () => {
    const init = pr.jobs.codeql?.steps?.find((s) => s.uses?.startsWith('github/codeql-action/init@'));
    expect(init?.with?.languages).toBe('javascript-typescript');
  });

  it('installs opa with a pinned version and sha256, and gator at a pinned version', () => {
    const env = pr.jobs.rego?.env ?? {};
    expect(env.OPA_VERSION).toMatch(/^\d+\.\d+\.\d+$/);
    expect(env.OPA_SHA256).toMatch(/^[0-9a-f]{64}$/);
    expect(env.GATOR_VERSION).toMatch(/^v\d+\.\d+\.\d+$/);
    expect(runs('rego').join('\n')).toContain('sha256sum --check --strict');
  });

  it('lints the workflows ignoring only the one message its pinned actionlint predates (environment.deployment)', () => {
    const run = String(pr.jobs.actionlint?.steps?.at(-1)?.run ?? '');
    expect(run.match(/-ignore '[^']*'/g)).toEqual([`-ignore 'unexpected key "deployment" for "environment" section'`]);
  });

  it('scans the synthesized output, not a re-synth', () => {
    for (const job of ['manifests', 'iac-scan']) expect(pr.jobs[job]?.needs).toBe('synth');
  });

  describe('terraform validate of every stack with the providers it pins', () => {
    const steps = pr.jobs.synth?.steps ?? [];
    const at = (match: (s: (typeof steps)[number]) => boolean) => steps.findIndex(match);

    it('uses the Terraform version the deploy workflow applies with', () => {
      const deploy = loadWorkflow('deploy-stack.yml');
      const deployVersion = Object.values(deploy.jobs).find((j) => j.env?.TERRAFORM_VERSION)?.env?.TERRAFORM_VERSION;
      expect(pr.jobs.synth?.env?.TERRAFORM_VERSION).toBe(deployVersion);
      const setup = steps.find((s) => s.uses?.startsWith('hashicorp/setup-terraform@'));
      expect(setup?.with).toEqual({ terraform_version: gh('env.TERRAFORM_VERSION'), terraform_wrapper: false });
    });

    it('caches the provider plugins under a key made of the pinned provider versions', () => {
      const cache = steps.find((s) => s.uses?.startsWith('actions/cache@'));
      expect(cache?.with?.path).toBe('~/.terraform.d/plugin-cache');
      expect(cache?.with?.key).toBe(`terraform-providers-${gh('runner.os')}-${gh("hashFiles('pinned-providers.txt')")}`);
      const keyStep = at((s) => s.run?.includes('pinned-providers.txt') ?? false);
      expect(steps[keyStep]?.run).toContain(
        '.terraform.required_providers[] | "\\(.source) \\(.version)"\' cdktf.out/stacks/*/cdk.tf.json',
      );
      expect(keyStep).toBeLessThan(at((s) => s.uses?.startsWith('actions/cache@') ?? false));
      expect(runs('synth').join('\n')).toContain('export TF_PLUGIN_CACHE_DIR="$HOME/.terraform.d/plugin-cache"');
    });

    it('validates what was uploaded, after the upload, without touching the pinned versions', () => {
      const upload = at((s) => s.uses?.startsWith('actions/upload-artifact@') ?? false);
      const validate = at((s) => s.run?.includes('validate -no-color') ?? false);
      expect(upload).toBeGreaterThan(at((s) => s.run === 'npm run synth'));
      expect(validate).toBeGreaterThan(upload);
      expect(runs('synth').join('\n')).not.toMatch(/TF_PROVIDER_MIRROR|npm run validate|required_providers.*=/);
    });
  });
});
