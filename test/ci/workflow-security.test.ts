import { describe, expect, it } from 'vitest';
import { allWorkflows, expressionsInRun, gh, stepsOf, unpinnedUse, type Workflow } from './workflows.js';

/** Jobs allowed a write scope, and why; every other job runs with the read-only top level. */
const WRITE_SCOPES: Record<string, Record<string, Record<string, string>>> = {
  'pr.yml': {
    'iac-scan': { 'security-events': 'upload the Checkov SARIF' },
    codeql: { 'security-events': 'upload CodeQL results' },
    'synth-diff': { 'pull-requests': 'post the sticky diff comment' },
  },
  'deploy-environment.yml': { deploy: { contents: 'publish manifests', 'id-token': 'OIDC' } },
  'deploy-stack.yml': { apply: { 'id-token': 'OIDC (deploy role)' } },
  'deploy-verify-stack.yml': { verify: { 'id-token': 'OIDC (read-only role)' } },
  'drift-stack.yml': { plan: { 'id-token': 'OIDC (read-only role)' } },
  'load-test.yml': { k6: { 'id-token': 'OIDC (read-only role)' } },
};

/**
 * deploy.yml and drift.yml are generated with a job per stack or environment:
 * a job calling a stack or drift workflow passes it OIDC, a release job also
 * publishes the manifests; any other job stays read-only.
 */
const CALLER_SCOPES: Record<string, Record<string, string>> = {
  './.github/workflows/deploy-stack.yml': { 'id-token': 'OIDC (deploy role)' },
  './.github/workflows/deploy-verify-stack.yml': { 'id-token': 'OIDC (read-only role)' },
  './.github/workflows/deploy-environment.yml': { contents: 'publish manifests', 'id-token': 'OIDC' },
  './.github/workflows/drift-stack.yml': { 'id-token': 'OIDC (read-only role)' },
};

function expectedWrites(wf: Workflow): Record<string, Record<string, string>> {
  if (wf.file !== 'deploy.yml' && wf.file !== 'drift.yml') return WRITE_SCOPES[wf.file] ?? {};
  return Object.fromEntries(
    Object.entries(wf.jobs).flatMap(([id, job]) => {
      const scopes = job.uses === undefined ? undefined : CALLER_SCOPES[job.uses];
      return scopes ? [[id, scopes] as const] : [];
    }),
  );
}

describe.each(allWorkflows().map((wf) => [wf.file, wf] as const))('%s', (_file, wf) => {
  it('pins every third-party action to a full commit SHA with a version comment', () => {
    const unpinned = wf.text
      .split('\n')
      .map(unpinnedUse)
      .filter((u) => u !== undefined);
    expect(unpinned).toEqual([]);
  });

  it('is read-only at the top level', () => {
    expect(wf.permissions).toEqual({ contents: 'read' });
  });

  it('grants write scopes only to the jobs that need them', () => {
    const writes = Object.fromEntries(
      Object.entries(wf.jobs).flatMap(([id, job]) => {
        const scopes =
          typeof job.permissions === 'object'
            ? Object.keys(job.permissions).filter((k) => (job.permissions as Record<string, string>)[k] === 'write')
            : [];
        return scopes.length > 0 ? [[id, scopes.sort()]] : [];
      }),
    );
    const expected = Object.fromEntries(Object.entries(expectedWrites(wf)).map(([id, scopes]) => [id, Object.keys(scopes).sort()]));
    expect(writes).toEqual(expected);
    for (const job of Object.values(wf.jobs)) expect(job.permissions).not.toBe('write-all');
  });

  it('never uses pull_request_target or workflow_run with a PR head checkout', () => {
    expect(Object.keys(wf.on)).not.toContain('pull_request_target');
    for (const step of stepsOf(wf)) expect(String(step.with?.ref ?? '')).not.toMatch(/head/);
  });

  it('puts no expression inside run: (untrusted text reaches scripts only through env)', () => {
    const offending = stepsOf(wf).flatMap((s) => (s.run ? expressionsInRun(s.run) : []));
    expect(offending).toEqual([]);
  });

  it('holds no static cloud credentials', () => {
    expect(wf.text).not.toMatch(/aws-access-key-id|aws-secret-access-key|AWS_SECRET_ACCESS_KEY/);
  });

  it('has a concurrency group unless it is only called by another workflow', () => {
    if (Object.keys(wf.on).every((t) => t === 'workflow_call')) return;
    expect(wf.concurrency).toBeDefined();
  });
});

describe('workflow checkers', () => {
  it.each([
    ['      - uses: actions/checkout@v4', false],
    ['      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683', false],
    ['      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af68 # v4.2.2', false],
    ['      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2', true],
    ['    uses: ./.github/workflows/deploy-environment.yml', true],
  ])('%s is pinned: %s', (line, pinned) => {
    expect(unpinnedUse(line) === undefined).toBe(pinned);
  });

  it('finds an expression inside a script', () => {
    expect(expressionsInRun(`echo "${gh('github.event.pull_request.title')}"`)).toEqual([gh('github.event.pull_request.title')]);
    expect(expressionsInRun('echo "$TITLE"')).toEqual([]);
  });
});
