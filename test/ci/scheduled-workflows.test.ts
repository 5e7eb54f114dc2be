import { describe, expect, it } from 'vitest';
import { gh, loadWorkflow } from './workflows.js';

describe('load-test.yml', () => {
  const wf = loadWorkflow('load-test.yml');
  const k6 = wf.jobs.k6;

  it('runs after each successful deploy and nightly', () => {
    expect(wf.on.workflow_run).toEqual({ workflows: ['deploy'], types: ['completed'], branches: ['main'] });
    expect(wf.on.schedule).toEqual([{ cron: '30 2 * * *' }]);
    expect(wf.jobs.targets?.needs).toBeUndefined();
    expect((wf.jobs.targets as { if?: string }).if).toContain("github.event.workflow_run.conclusion == 'success'");
  });

  it('runs k6 on each service script from the generated matrix', () => {
    expect(k6?.steps?.some((s) => s.uses?.startsWith('grafana/setup-k6-action@'))).toBe(true);
    expect(k6?.strategy?.matrix?.target).toBe(gh('fromJSON(needs.targets.outputs.matrix)'));
    expect(k6?.steps?.map((s) => s.run).join('\n')).toContain('k6 run --summary-export "k6-$SERVICE.json" "$SCRIPT"');
  });
});

describe('drift.yml and drift-stack.yml', () => {
  const wf = loadWorkflow('drift.yml');
  const stack = loadWorkflow('drift-stack.yml').jobs.plan;
  const run = (stack?.steps ?? []).map((s) => s.run ?? '').join('\n');
  const report = (wf.jobs['drift-report']?.steps ?? []).map((s) => s.run ?? '').join('\n');

  it('plans nightly, each stack in its own job, with -detailed-exitcode and without taking the state lock', () => {
    expect(wf.on.schedule).toEqual([{ cron: '0 5 * * *' }]);
    expect(run).toContain('-lock=false -detailed-exitcode -out=tfplan');
    expect(stack?.environment).toBeUndefined();
    for (const [id, job] of Object.entries(wf.jobs).filter(([id]) => id.startsWith('drift-') && id !== 'drift-report')) {
      expect(job.uses, id).toBe('./.github/workflows/drift-stack.yml');
      expect(job.with?.stack, id).toBe(gh('matrix.stack'));
      expect((job.strategy as { 'fail-fast'?: boolean } | undefined)?.['fail-fast'], id).toBe(false);
    }
  });

  it('keeps each changed plan, then classifies them all and fails on real drift only', () => {
    expect(run).toContain('if [ "$code" -eq 2 ]; then terraform -chdir="$dir" show -json tfplan > "drift/$STACK.json"; fi');
    expect(report).toContain('npm run -s drift -- classify "$stack" "$plan"');
    expect(report).toContain('if [ "$verdict" -ne 0 ]; then drifted=1; fi');
    expect((wf.jobs['drift-report'] as { if?: string }).if).toBe(gh('!cancelled()'));
  });
});
