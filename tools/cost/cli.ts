/** `npm run cost [-- --env <name>] [--json] [--config <file>]`: monthly estimate of the synthesized stacks (run `npm run synth` first). */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { CommandSpec } from '../cli/command.js';
import { InputError } from '../cli/errors.js';
import { configFromOption, environmentOption, readJsonFile, stringValue } from '../cli/input.js';
import { runCommand, runIfMain, type CliIo } from '../cli/run.js';
import { stackEnvironment } from '../synth/swap.js';
import { estimateStacks, type StackInput } from './estimate.js';
import { formatEstimate } from './format.js';
import { latestPricing } from './pricing.js';

export const COST_COMMAND: CommandSpec = {
  name: 'npm run cost --',
  summary:
    'Monthly estimate of every synthesized stack (cdktf.out/stacks) from the dated pricing snapshot, per stack and environment, with spot/Graviton savings and budgets.',
  options: {
    env: { type: 'string', value: 'name', description: "only this environment's stacks" },
    json: { type: 'boolean', description: 'print the estimate as JSON (environments, stacks, unpriced, budgets)' },
    config: { type: 'string', value: 'file', description: 'read budgets from this JSON config instead of config/values' },
  },
  details: 'exit codes: 0 priced, 1 an instance type or DB class without a price, no synth output or bad config, 2 usage error',
};

export function run(argv: readonly string[], io: CliIo): Promise<number> {
  return runCommand(COST_COMMAND, argv, io, ({ values }) => {
    // Loading config validates it: a budget <= 0 or an unknown tag key fails here with its path.
    const config = configFromOption(stringValue(values.config), io.cwd);
    const env = environmentOption(config, stringValue(values.env));
    const dir = join(io.cwd, 'cdktf.out', 'stacks');
    if (!existsSync(dir)) throw new InputError(`no synthesized stacks in ${dir}; run npm run synth first`);
    const stacks: StackInput[] = readdirSync(dir)
      .filter((name) => existsSync(join(dir, name, 'cdk.tf.json')) && (env === undefined || stackEnvironment(name) === env))
      .sort()
      .map((name) => ({ name, json: readJsonFile(join(dir, name, 'cdk.tf.json'), io.cwd, 'stack') as StackInput['json'] }));
    if (env !== undefined && stacks.length === 0)
      throw new InputError(`no synthesized stacks of ${env} in ${dir}; run npm run synth first`);
    const estimate = estimateStacks(stacks, latestPricing());
    const budgets = Object.entries(config.cost.environments)
      .filter(([environment]) => env === undefined || environment === env)
      .map(([environment, s]) => ({ environment, monthlyBudgetUsd: s.monthlyBudgetUsd }));
    io.stdout(values.json ? `${JSON.stringify({ ...estimate, budgets }, null, 2)}\n` : `${formatEstimate(estimate, budgets)}\n`);
    const unpricedTypes = estimate.unpriced.filter(
      (u) => u.reason.startsWith('instance type') || u.reason.startsWith('RDS instance class'),
    );
    for (const u of unpricedTypes) io.stderr(`error: ${u.stack} ${u.address}: ${u.reason}\n`);
    return unpricedTypes.length > 0 ? 1 : 0;
  });
}

runIfMain(import.meta.url, run);
