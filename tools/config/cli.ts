/**
 * `npm run config [-- --json] [--out <file>] [--config <file>] [--env <name>]`: the
 * resolved platform config (every default applied) after every check. A what-if
 * starts from it: `npm run -s config -- --json --out what-if.json`, edit, then
 * `npm run synth -- --config what-if.json`.
 */
import type { PlatformConfig } from '../../config/schema/platform.js';
import { environmentRegions } from '../../config/derive/regions.js';
import type { CommandSpec } from '../cli/command.js';
import { configFromOption, environmentOption, stringValue, writeOutputFile } from '../cli/input.js';
import { runCommand, runIfMain, type CliIo } from '../cli/run.js';

export const CONFIG_COMMAND: CommandSpec = {
  name: 'npm run config --',
  summary:
    'Checks the platform config and prints it resolved (defaults applied): a summary, or the whole config as JSON that --config accepts.',
  options: {
    json: { type: 'boolean', description: 'print the whole resolved config as JSON (the starting point of a what-if file)' },
    out: { type: 'string', value: 'file', description: 'write the JSON to this file instead of stdout (implies --json)' },
    config: { type: 'string', value: 'file', description: 'check and resolve this JSON config instead of config/values' },
    env: { type: 'string', value: 'name', description: 'summarize only this environment (the JSON is always the whole config)' },
  },
  details: 'exit codes: 0 valid, 1 invalid config (every problem listed with its path and fix), 2 usage error',
};

/** One line per environment: what a reviewer checks first. */
function summary(config: PlatformConfig, only: string | undefined): string {
  const names = config.deployOrder.filter((name) => only === undefined || name === only);
  const lines = names.map((name) => {
    const env = config.environments[name];
    if (!env) return `${name}: (missing)`;
    const regions = environmentRegions(env).join(' + ');
    const budget = config.cost.environments[name]?.monthlyBudgetUsd;
    return `${name.padEnd(10)} ${env.tier.padEnd(12)} account ${env.accountId}  ${regions.padEnd(22)} EKS ${env.eks.version}  NAT ${env.network.natGateways}  budget ${budget ?? '-'} USD/month`;
  });
  return [
    `${config.organization.name} (${config.organization.repository}): config valid`,
    `deploy order: ${config.deployOrder.join(' -> ')}`,
    ...lines,
    `${config.teams.length} teams, ${config.services.length} services; \`npm run config -- --json\` prints everything`,
    '',
  ].join('\n');
}

export function run(argv: readonly string[], io: CliIo): Promise<number> {
  return runCommand(CONFIG_COMMAND, argv, io, ({ values }) => {
    const config = configFromOption(stringValue(values.config), io.cwd);
    const env = environmentOption(config, stringValue(values.env));
    const out = stringValue(values.out);
    const json = `${JSON.stringify(config, null, 2)}\n`;
    if (out) {
      writeOutputFile(out, io.cwd, '--out', json);
      io.stderr(`wrote the resolved config to ${out}; edit it and run npm run synth -- --config ${out}\n`);
    } else io.stdout(values.json ? json : summary(config, env));
    return 0;
  });
}

runIfMain(import.meta.url, run);
