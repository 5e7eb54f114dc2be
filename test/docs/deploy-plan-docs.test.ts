import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appliedByCi, buildDeployPlan, stacksOf } from '../../tools/deploy-plan/plan.js';
import { STACK_TRAITS } from '../../tools/deploy-plan/traits.js';
import { gh, loadWorkflow, ROOT } from '../ci/workflows.js';
import { platformConfig } from '../support/platform.js';
import { synthesizedStacks } from '../tools/deploy-plan/fixtures.js';

const ciCd = readFileSync(join(ROOT, 'docs/ci-cd.md'), 'utf8').replace(/\s+/g, ' ');
const plan = buildDeployPlan(platformConfig(), synthesizedStacks());
const deploy = loadWorkflow('deploy.yml');
const drift = loadWorkflow('drift.yml');
const apply = loadWorkflow('deploy-stack.yml').jobs.apply;
const levelOf = (name: string) => plan.environments.flatMap((e) => stacksOf(e)).find((s) => s.name === name)?.level;

describe('docs/ci-cd.md, "How deploys fan out", says what the plan and the workflows do', () => {
  it('the levels of today', () => {
    expect(ciCd).toContain(
      'Today every environment has 5 levels: the state stack, the CI access stack, then everything that only needs those',
    );
    for (const env of plan.environments) {
      expect(env.levels).toHaveLength(5);
      for (const s of stacksOf(env)) {
        const kind = s.name.replace(/^\w+-(global|[a-z]+-[a-z]+-\d)-/, '');
        if (kind === 'cluster') expect(s.level, s.name).toBe(3);
        if (['ci-tunnel', 'database', 'ingress', 'karpenter'].includes(kind)) expect(s.level, s.name).toBe(4);
        if (['network', 'registry', 'audit', 'cost-controls'].includes(kind)) expect(s.level, s.name).toBe(2);
      }
    }
    expect([levelOf('prod-global-state'), levelOf('prod-global-ci-access')]).toEqual([0, 1]);
  });

  it('the plan artifact, its retention and the exact plan applied', () => {
    expect(ciCd).toContain('keep the text and JSON plan as the **`plan-<stack>` artifact** (90 days), then `terraform apply tfplan`');
    const upload = apply?.steps?.find((s) => s.uses?.startsWith('actions/upload-artifact@'));
    expect(upload?.with).toMatchObject({ name: `plan-${gh('inputs.stack')}`, 'retention-days': 90 });
  });

  it('the condition of a stack job, the concurrency groups and the run group', () => {
    expect(ciCd).toContain("(`!cancelled() && needs.<stack>.result == 'success'`)");
    const job = deploy.jobs['prod-us-east-1-cluster'] as { if?: string; concurrency?: unknown };
    expect(job.if).toBe(gh("!cancelled() && needs.prod-level-3.result == 'success' && needs.prod-us-east-1-network.result == 'success'"));
    expect(ciCd).toContain('**A concurrency group per stack** (the stack name, `cancel-in-progress: false`)');
    expect(job.concurrency).toEqual({ group: 'prod-us-east-1-cluster', 'cancel-in-progress': false });
    expect(ciCd).toContain('The run itself is in `deploy-main`');
    expect(deploy.concurrency).toEqual({ group: 'deploy-main', 'cancel-in-progress': false });
  });

  it('the approvals of prod', () => {
    expect(ciCd).toContain('(prod: the `platform` team and 10 minutes)');
    expect(platformConfig().ownership.environments.prod).toEqual({ reviewers: ['platform'], waitTimerMinutes: 10 });
    expect(ciCd).toContain('Prod today: levels 0, 2, 3 and 4, then the release.');
    const prod = plan.environments.find((e) => e.name === 'prod');
    expect(prod?.levels.flatMap((l, i) => (l.some(appliedByCi) ? [i] : []))).toEqual([0, 2, 3, 4]);
    expect(Object.keys(deploy.jobs).filter((id) => id.startsWith('prod-level-'))).toEqual(['prod-level-2', 'prod-level-3', 'prod-level-4']);
    expect(apply?.environment).toEqual({ name: gh('inputs.environment'), deployment: false });
    expect(ciCd).toContain('prod asks for 5 approvals and waits 5 timers per run');
    const releaseBound = loadWorkflow('deploy-environment.yml').jobs.deploy?.environment !== undefined;
    expect(Object.keys(deploy.jobs).filter((id) => id.startsWith('prod-level-')).length + 1 + Number(releaseBound)).toBe(5);
  });

  it('the size of the generated file', () => {
    const perStack = deploy.text.split('\n').length / synthesizedStacks().length;
    expect(ciCd).toContain('a long file (about 19 lines per stack');
    expect(perStack).toBeGreaterThan(18);
    expect(perStack).toBeLessThan(21);
  });

  it('the stacks with their own handling, and who gets a secret', () => {
    const section = ciCd.slice(ciCd.indexOf('### Stacks with their own handling'), ciCd.indexOf('### Reaching private clusters'));
    const rows = [...section.matchAll(/\| `([a-z-]+)` \| /g)].map((m) => m[1]);
    expect(rows).toEqual(STACK_TRAITS.map((t) => t.id));
    expect(ciCd).toContain('| `local-state` | none today |');
    expect(plan.environments.flatMap((e) => e.manual)).toEqual([]);
    expect(ciCd).toContain('the only job given `secrets: inherit`');
    expect(
      Object.entries(deploy.jobs)
        .filter(([, j]) => (j as { secrets?: unknown }).secrets !== undefined)
        .map(([id]) => id),
    ).toEqual(['prod-global-github']);
  });

  it('the check that keeps the workflows the plan of their synth', () => {
    expect(ciCd).toContain('runs `npm run deploy-plan -- --check` on the commit it deploys');
    for (const wf of [deploy, drift]) expect(wf.jobs.synth?.steps?.map((s) => s.run)).toContain('npm run deploy-plan -- --check');
  });

  it('the session name, and drift fanned out per stack without the governance stack', () => {
    expect(ciCd).toContain("a stack job's session is named `deploy-<stack>-<run id>` in CloudTrail");
    expect(apply?.steps?.find((s) => s.uses?.startsWith('aws-actions/configure-aws-credentials@'))?.with?.['role-session-name']).toBe(
      `deploy-${gh('inputs.stack')}-${gh('github.run_id')}`,
    );
    expect(ciCd).toContain('one job per stack (a matrix per environment, calling `drift-stack.yml`)');
    const matrices = Object.values(drift.jobs).flatMap((j) => (j.strategy?.matrix?.stack as string[] | undefined) ?? []);
    expect(matrices).toHaveLength(plan.environments.flatMap((e) => stacksOf(e)).length - 1);
    expect(matrices).not.toContain('prod-global-github');
  });
});
