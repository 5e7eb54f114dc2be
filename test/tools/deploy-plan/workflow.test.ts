import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { load } from 'js-yaml';
import { generatedWorkflows } from '../../../tools/deploy-plan/command.js';
import { deployWorkflow } from '../../../tools/deploy-plan/deploy-workflow.js';
import { driftWorkflow } from '../../../tools/deploy-plan/drift-workflow.js';
import { checkJobIds } from '../../../tools/deploy-plan/jobs.js';
import { appliedByCi, buildDeployPlan, stacksOf, type DeployPlan } from '../../../tools/deploy-plan/plan.js';
import { gh, loadWorkflow, ROOT, type Job } from '../../ci/workflows.js';
import { configWith, platformConfig } from '../../support/platform.js';
import { synthesizedStacks } from './fixtures.js';

type GeneratedJob = Job & {
  if?: string;
  secrets?: unknown;
  concurrency?: { group: string; 'cancel-in-progress': boolean };
  strategy?: { matrix?: Record<string, unknown> };
};
type Result = 'success' | 'failure' | 'skipped';

const plan = buildDeployPlan(platformConfig(), synthesizedStacks());
const jobsOf = (p: DeployPlan, config = platformConfig()) => deployWorkflow(config, p).jobs as Record<string, GeneratedJob>;
const jobs = jobsOf(plan);
const needsOf = (job: GeneratedJob | undefined): string[] => [job?.needs ?? []].flat();

/** Whether GitHub starts a job, given the results of the jobs it needs (the only `if` forms the generator writes). */
function starts(job: GeneratedJob, results: ReadonlyMap<string, Result>): boolean {
  if (job.if === undefined) return needsOf(job).every((n) => results.get(n) === 'success');
  const body = /^\$\{\{ (.*) \}\}$/.exec(job.if)?.[1] ?? '';
  return body.split(' && ').every((term) => {
    if (term === '!cancelled()') return true;
    const need = /^needs\.([\w-]+)\.result == 'success'$/.exec(term)?.[1];
    if (!need) throw new Error(`unexpected condition ${term}`);
    return results.get(need) === 'success';
  });
}

/** Runs the workflow's job graph with the named jobs failing; a release fails when a stack it needs did not succeed. */
function simulate(all: Record<string, GeneratedJob>, failing: ReadonlySet<string>): Map<string, Result> {
  const results = new Map<string, Result>();
  for (const [id, job] of Object.entries(all)) {
    if (!starts(job, results)) results.set(id, 'skipped');
    else if (failing.has(id)) results.set(id, 'failure');
    else results.set(id, job.with?.applied !== undefined && needsOf(job).some((n) => results.get(n) !== 'success') ? 'failure' : 'success');
  }
  return results;
}

/** Stacks that apply after `name`, directly or not, by the plan. */
function dependents(name: string): Set<string> {
  const all = plan.environments.flatMap((e) => stacksOf(e));
  const found = new Set<string>();
  const walk = (n: string) => {
    for (const s of all.filter((x) => x.after.some((a) => a.stack === n) && !found.has(x.name))) {
      found.add(s.name);
      walk(s.name);
    }
  };
  walk(name);
  return found;
}

describe('the generated deploy workflow', () => {
  it('is the checked-in deploy.yml and drift.yml', () => {
    for (const [file, text] of Object.entries(generatedWorkflows(platformConfig(), plan)))
      expect(readFileSync(join(ROOT, file), 'utf8'), file).toBe(text);
  });

  it('lists the jobs in dependency order, so that every need comes earlier', () => {
    const ids = Object.keys(jobs);
    for (const [id, job] of Object.entries(jobs))
      for (const need of needsOf(job)) expect(ids.indexOf(need), `${id} needs ${need}`).toBeLessThan(ids.indexOf(id));
  });

  it('a failed stack skips exactly the stacks that apply after it, and fails its release; later environments wait', () => {
    const order = plan.environments.map((e) => e.name);
    for (const env of plan.environments) {
      for (const failed of stacksOf(env)) {
        const results = simulate(jobs, new Set([failed.name]));
        const blocked = dependents(failed.name);
        for (const other of plan.environments) {
          for (const s of stacksOf(other)) {
            const expected: Result =
              s.name === failed.name
                ? 'failure'
                : order.indexOf(other.name) > order.indexOf(env.name) || blocked.has(s.name)
                  ? 'skipped'
                  : 'success';
            expect(results.get(s.name), `${s.name} when ${failed.name} fails`).toBe(expected);
          }
        }
        expect(results.get(`${env.name}-release`)).toBe('failure');
      }
    }
  });

  it('binds every stack job CI applies to its GitHub environment; prod asks for approval once per level', () => {
    const apply = loadWorkflow('deploy-stack.yml').jobs.apply;
    expect(apply?.environment).toEqual({ name: gh('inputs.environment'), deployment: false });
    expect(loadWorkflow('deploy-verify-stack.yml').jobs.verify?.environment).toBeUndefined();
    for (const env of plan.environments) {
      for (const s of stacksOf(env)) {
        const job = jobs[s.name];
        expect(job?.uses).toBe(appliedByCi(s) ? './.github/workflows/deploy-stack.yml' : './.github/workflows/deploy-verify-stack.yml');
        expect(job?.with?.environment).toBe(env.name);
        const level = `${env.name}-level-${s.level}`;
        expect(needsOf(job).includes(level)).toBe(env.approval !== undefined && appliedByCi(s) && s.level > 0);
      }
    }
    expect(Object.keys(jobs).filter((id) => id.includes('-level-'))).toEqual(['prod-level-2', 'prod-level-3', 'prod-level-4']);
    expect(jobs['prod-release']?.with?.environment).toBe('prod');
    expect(loadWorkflow('deploy-environment.yml').jobs.deploy?.environment).toBe(gh('inputs.environment'));
  });

  it('gives each stack job its own concurrency group, never cancelling a running apply', () => {
    const stackJobs = plan.environments.flatMap((e) => stacksOf(e)).map((s) => [s.name, jobs[s.name]] as const);
    for (const [name, job] of stackJobs) expect(job?.concurrency).toEqual({ group: name, 'cancel-in-progress': false });
    expect(new Set(stackJobs.map(([, j]) => j?.concurrency?.group)).size).toBe(stackJobs.length);
  });

  it('follows config.deployOrder: reordering it reorders the environments', () => {
    const config = configWith((c) => {
      c.deployOrder = ['staging', 'dev', 'prod'];
    });
    const reordered = jobsOf(buildDeployPlan(config, synthesizedStacks()), config);
    expect(needsOf(reordered['staging-global-state'])).toEqual(['synth']);
    expect(needsOf(reordered['dev-global-state'])).toEqual(['staging-release']);
    expect(needsOf(reordered['prod-global-state'])).toEqual(['dev-release']);
    const ids = Object.keys(reordered);
    expect(ids.indexOf('staging-release')).toBeLessThan(ids.indexOf('dev-global-state'));
    expect(needsOf(jobs['dev-global-state'])).toEqual(['synth']);
  });

  it('checks the administrator-applied stack with the read-only role of its account', () => {
    expect(jobs['prod-global-ci-access']?.with).toEqual({
      environment: 'prod',
      stack: 'prod-global-ci-access',
      role: 'arn:aws:iam::410987654321:role/github-actions-readonly',
      region: 'us-east-1',
    });
    expect(jobs['prod-global-github']?.with).toEqual({ environment: 'prod', stack: 'prod-global-github', 'github-app': true });
    expect(
      Object.entries(jobs)
        .filter(([, j]) => j.secrets !== undefined)
        .map(([id]) => id),
    ).toEqual(['prod-global-github']);
  });
});

describe('the generated drift workflow', () => {
  const drift = driftWorkflow(platformConfig(), plan).jobs as Record<string, GeneratedJob>;

  it('plans every stack of every environment but the GitHub one, one matrix per environment', () => {
    for (const env of plan.environments) {
      const job = drift[`drift-${env.name}`];
      expect(job?.strategy?.matrix?.stack).toEqual(
        stacksOf(env)
          .filter((s) => !s.traits.includes('github-app'))
          .map((s) => s.name),
      );
      expect(job?.with).toMatchObject({
        environment: env.name,
        stack: gh('matrix.stack'),
        role: `arn:aws:iam::${platformConfig().environments[env.name]?.accountId}:role/github-actions-readonly`,
      });
    }
    expect(needsOf(drift['drift-report'])).toEqual(plan.environments.map((e) => `drift-${e.name}`));
  });
});

describe('generator guards', () => {
  it('rejects job ids GitHub does not accept, and duplicates', () => {
    expect(() => checkJobIds(['synth', '1prod-global-state'])).toThrow(/not valid GitHub job ids: 1prod-global-state/);
    expect(() => checkJobIds(['synth', 'synth'])).toThrow(/job ids used twice: synth/);
  });

  it('rejects a stack name too long for its AWS role session name', () => {
    const long = 'dev-us-east-1-' + 'x'.repeat(40);
    const p: DeployPlan = {
      environments: [{ name: 'dev', levels: [[{ name: long, environment: 'dev', level: 0, after: [], traits: [] }]], manual: [] }],
    };
    expect(() => deployWorkflow(platformConfig(), p)).toThrow(/longer than 43 characters/);
  });

  it('parses as the YAML it was built from', () => {
    const text = generatedWorkflows(platformConfig(), plan)['.github/workflows/deploy.yml'] ?? '';
    expect(load(text)).toEqual(deployWorkflow(platformConfig(), plan));
  });
});
