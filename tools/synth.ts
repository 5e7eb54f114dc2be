/**
 * `npm run synth [-- --config <file>] [--env <name>]`: both halves, every check,
 * atomically, in one process with no network.
 */
import { ConfigError } from '../config/errors.js';
import { InputError } from './cli/errors.js';
import type { CommandSpec } from './cli/command.js';
import { configFromOption, environmentOption, stringValue } from './cli/input.js';
import { runCommand, runIfMain, type CliIo } from './cli/run.js';
import { installCheapStackTraces } from './synth/cheap-stack-traces.js';
import { synthesize } from './synth/run.js';
import { SYNTH_USER_ERRORS } from './synth/user-errors.js';

export const SYNTH_COMMAND: CommandSpec = {
  name: 'npm run synth --',
  summary:
    'Synthesizes cdktf.out/stacks (Terraform) and dist/<env>/<region> (Kubernetes) with every check, in one process with no network,\n' +
    'then moves them into place; bad config or a failed check leaves the previous output untouched.',
  options: {
    config: {
      type: 'string',
      value: 'file',
      description: 'synthesize this JSON config (start from `npm run -s config -- --json`) instead of config/values',
    },
    env: {
      type: 'string',
      value: 'name',
      description: 'only this environment: its stacks, dist/<env>/ and its reports are replaced, nothing else',
    },
  },
  details: 'exit codes: 0 written (warnings printed), 1 bad config or a failed check (nothing written), 2 usage error',
};

/** Failures that are the user's to fix: printed as they are, no stack trace. */
const USER_ERRORS = [ConfigError, InputError, ...SYNTH_USER_ERRORS];

export function run(argv: readonly string[], io: CliIo): Promise<number> {
  return runCommand(SYNTH_COMMAND, argv, io, async ({ values }) => {
    const started = performance.now();
    try {
      const config = configFromOption(stringValue(values.config), io.cwd);
      const environment = environmentOption(config, stringValue(values.env));
      const { output, findings } = await synthesize(config, { root: io.cwd, environment });
      for (const f of findings) io.stderr(`warning [${f.check}] ${f.where}: ${f.message}\n`);
      const manifests = output.clusters.reduce((n, c) => n + c.files.size, 0);
      const objects = (output.states ?? []).reduce((n, s) => n + s.objects.length, 0);
      io.stdout(
        `synthesized ${output.stacks.length} stacks to cdktf.out/stacks and ${manifests} files for ${output.clusters.length} clusters to dist/` +
          `${environment ? ` (environment ${environment} only)` : ''} (cluster state: ${objects} objects checked) in ${Math.round(performance.now() - started)} ms\n`,
      );
      return 0;
    } catch (error) {
      if (!USER_ERRORS.some((kind) => error instanceof kind)) throw error;
      io.stderr(`${(error as Error).message}\nprevious output left untouched\n`);
      return 1;
    }
  });
}

runIfMain(import.meta.url, run, installCheapStackTraces);
