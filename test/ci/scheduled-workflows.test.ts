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

describe('drift.yml', () => {
  const wf = loadWorkflow('drift.yml');
  const run = (wf.jobs.plan?.steps ?? []).map((s) => s.run ?? '').join('\n');

  it('plans nightly with -detailed-exitcode and without taking the state lock', () => {
    expect(wf.on.schedule).toEqual([{ cron: '0 5 * * *' }]);
    expect(run).toContain('-lock=false -detailed-exitcode -out=tfplan');
  });

  it('classifies each changed plan with the drift tool and fails on real drift only', () => {
    expect(run).toContain('npx tsx tools/drift/cli.ts classify "$stack" "drift/$stack.json"');
    expect(run).toContain('if [ "$verdict" -ne 0 ]; then drifted=1; fi');
  });
});
