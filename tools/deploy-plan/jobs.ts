import type { PlatformConfig } from '../../config/schema/platform.js';
import type { EnvironmentPlan } from './plan.js';
import { ACTIONS, NODE_VERSION, RUNNER } from './yaml.js';

/** Workflows the generated ones call; hand-written, each holding the steps of one kind of job. */
export const CALLED = {
  applyStack: './.github/workflows/deploy-stack.yml',
  verifyStack: './.github/workflows/deploy-verify-stack.yml',
  releaseEnvironment: './.github/workflows/deploy-environment.yml',
  driftStack: './.github/workflows/drift-stack.yml',
} as const;

/** The artifact holding `cdktf.out/` and `dist/` of the one synth of a run. */
export const SYNTH_ARTIFACT = 'synth-output';

/** Job ids besides the stacks' own (a stack's job id is its name). */
export const JOB = {
  synth: 'synth',
  release: (env: string) => `${env}-release`,
  level: (env: string, level: number) => `${env}-level-${level}`,
  drift: (env: string) => `drift-${env}`,
  driftReport: 'drift-report',
} as const;

/** What a job of the generated workflows is. */
export type Job = Record<string, unknown>;

/**
 * Synthesizes once for the run, refuses to go on when the checked-in
 * workflows are not the plan of this synth, and hands the output to every job.
 */
export function synthJob(retentionDays: number): Job {
  return {
    'runs-on': RUNNER,
    'timeout-minutes': 15,
    steps: [
      { uses: ACTIONS.checkout.ref, with: { 'persist-credentials': false } },
      { uses: ACTIONS.setupNode.ref, with: { 'node-version': NODE_VERSION, cache: 'npm' } },
      { run: 'npm ci' },
      { run: 'npm run synth' },
      { name: 'The workflows are the deploy plan of this synth', run: 'npm run deploy-plan -- --check' },
      {
        uses: ACTIONS.uploadArtifact.ref,
        with: { name: SYNTH_ARTIFACT, path: 'cdktf.out/\ndist/\n', 'if-no-files-found': 'error', 'retention-days': retentionDays },
      },
    ],
  };
}

/** The read-only role of an environment's account (drift and administrator-stack checks assume it from main, without an environment). */
export function readOnlyRole(config: PlatformConfig, env: EnvironmentPlan): string {
  const account = config.environments[env.name]?.accountId;
  if (!account) throw new Error(`unknown environment '${env.name}'`);
  return `arn:aws:iam::${account}:role/${config.ownership.readOnlyRoleName}`;
}

/** GitHub job ids: a letter or `_` first, then letters, digits, `-` and `_`. */
export function checkJobIds(ids: readonly string[]): void {
  const bad = ids.filter((id) => !/^[A-Za-z_][\w-]*$/.test(id));
  if (bad.length > 0)
    throw new Error(
      `not valid GitHub job ids: ${bad.join(', ')}; stack and environment names must start with a letter and use letters, digits and '-'`,
    );
  const twice = [...new Set(ids.filter((id, i) => ids.indexOf(id) !== i))];
  if (twice.length > 0) throw new Error(`job ids used twice: ${twice.join(', ')}`);
}
