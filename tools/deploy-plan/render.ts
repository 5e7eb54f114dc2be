import { JOB } from './jobs.js';
import { appliedByCi, stacksOf, type DeployPlan, type EnvironmentPlan, type PlannedStack } from './plan.js';
import { handlingOf, STACK_TRAITS } from './traits.js';

/** What a line says about the stacks one applies after; gates every stack shares are said once, below the plan. */
function afterText(stack: PlannedStack): string {
  const reads = stack.after.filter((a) => a.reason === 'reads-outputs').map((a) => a.stack);
  const declared = stack.after.filter((a) => a.reason === 'declared-dependency').map((a) => a.stack);
  return [
    ...(reads.length > 0 ? [`reads ${reads.join(', ')}`] : []),
    ...(declared.length > 0 ? [`after ${declared.join(', ')} (declared dependency)`] : []),
  ].join('; ');
}

function approvalText(env: EnvironmentPlan): string {
  if (!env.approval) return 'no approval';
  const who = env.approval.reviewers.length > 0 ? `approval by ${env.approval.reviewers.join(', ')}` : 'no reviewers';
  const timer = env.approval.waitTimerMinutes > 0 ? ` and a ${env.approval.waitTimerMinutes}-minute wait timer` : '';
  const levels = env.levels.flatMap((level, i) => (level.some(appliedByCi) ? [i] : []));
  return `${who}${timer} for each level that applies stacks (${levels.join(', ')}) and for the release`;
}

function environmentLines(env: EnvironmentPlan): string[] {
  const stacks = stacksOf(env);
  const width = Math.max(...stacks.map((s) => s.name.length), JOB.release(env.name).length);
  const line = (label: string, name: string, note: string) => `  ${label.padEnd(8)} ${note ? `${name.padEnd(width)}  ${note}` : name}`;
  return [
    `${env.name}: ${stacks.length} stacks in ${env.levels.length} levels, ${approvalText(env)}`,
    ...env.levels.flatMap((level, i) =>
      level.map((s, j) =>
        line(
          j === 0 ? `level ${i}` : '',
          s.name,
          [s.traits.length > 0 ? `[${s.traits.join(', ')}]` : '', afterText(s)].filter(Boolean).join(' '),
        ),
      ),
    ),
    line('then', JOB.release(env.name), 'publish dist/<env>/<region> for Argo CD, check the clusters, record the deployment'),
    ...env.manual.map((m) => line('by hand', m, '[local-state]')),
  ];
}

/** The plan as people read it: environments in order, each level's stacks, and the stacks with their own handling. */
export function renderPlanText(plan: DeployPlan, source: string): string {
  const all = plan.environments.flatMap((e) => [...stacksOf(e), ...e.manual.map((name) => ({ name, traits: ['local-state'] }))]);
  const special = STACK_TRAITS.map((t) => ({ trait: t.id, stacks: all.filter((s) => s.traits.includes(t.id)).map((s) => s.name) })).filter(
    (t) => t.stacks.length > 0,
  );
  return [
    `Deploy plan of ${source}: ${plan.environments.map((e) => e.name).join(' -> ')} (config.deployOrder), each environment after the previous one's release.`,
    '',
    ...plan.environments.flatMap((env) => [...environmentLines(env), '']),
    "Every stack also applies after its environment's state-bucket stack and administrator-applied stacks (not repeated above).",
    ...(special.length > 0
      ? ['', 'Stacks with their own handling:', ...special.map((t) => `- ${t.trait} (${t.stacks.join(', ')}): ${handlingOf(t.trait)}`)]
      : []),
    '',
  ].join('\n');
}
