/**
 * `npm run state -- bootstrap <env>`: local-state override for the first apply
 *   of `<env>-global-state`, state in .bootstrap-state/ (README, "Bootstrapping an account").
 * `npm run state -- dr <env>`: every stack of `<env>` reads and writes its state in
 *   the replica region (docs/disaster-recovery.md, "Terraform state").
 * Both write `*_override.tf.json` files into cdktf.out/stacks/; the next synth removes them.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadPlatformConfig } from '../../config/load.js';
import type { CommandSpec } from '../cli/command.js';
import { InputError } from '../cli/errors.js';
import { environmentOption } from '../cli/input.js';
import { runCommand, runIfMain, type CliIo } from '../cli/run.js';
import { stateStackName, writeBootstrapOverride, writeDrOverrides } from './overrides.js';

export const STATE_COMMAND: CommandSpec = {
  name: 'npm run state --',
  summary: 'Terraform state overrides in cdktf.out/stacks/ (the next synth removes them).',
  positionals: [
    {
      name: 'command',
      choices: ['bootstrap', 'dr'],
      description:
        'bootstrap: local state for the first apply of <env>-global-state; dr: every stack of <env> reads its state from the replica region',
    },
    { name: 'env', description: 'the environment' },
  ],
  options: {},
  details: 'exit codes: 0 written, 1 nothing synthesized or bad config, 2 usage error',
};

export function run(argv: readonly string[], io: CliIo): Promise<number> {
  return runCommand(STATE_COMMAND, argv, io, ({ positionals }) => {
    const [command, name] = positionals;
    const config = loadPlatformConfig();
    const envName = environmentOption(config, name, '<env>') ?? '';
    if (command === 'bootstrap') {
      if (!existsSync(join(io.cwd, 'cdktf.out', 'stacks', stateStackName(envName))))
        throw new InputError(`no cdktf.out/stacks/${stateStackName(envName)} here; run npm run synth first`);
      io.stdout(`cdktf.out/stacks/${stateStackName(envName)} now keeps local state in ${writeBootstrapOverride(io.cwd, envName)}\n`);
    } else {
      if (!config.environments[envName]?.regions.replicas.length)
        throw new InputError(
          `environment '${envName}' has no state replica: it needs a second region (add one to environments.${envName}.regions.replicas)`,
        );
      if (!existsSync(join(io.cwd, 'cdktf.out', 'stacks'))) throw new InputError('no cdktf.out/stacks here; run npm run synth first');
      const stacks = writeDrOverrides(io.cwd, config, envName);
      io.stdout(
        `state of ${stacks.length} stacks now read from the replica: run \`terraform init -reconfigure\` in each of ${stacks.join(', ')}\n`,
      );
    }
    return 0;
  });
}

runIfMain(import.meta.url, run);
