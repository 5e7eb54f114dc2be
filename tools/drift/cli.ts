/**
 * Drift and CI target tooling for the workflows (which stacks a deploy or a
 * drift run visits comes from the deploy plan, `npm run deploy-plan`).
 *   drift classify <stack> <plan.json> Markdown verdict; exits 1 on real drift, 0 on none or noise only
 *   drift clusters <env>               `region cluster` lines, for post-deploy checks
 *   drift matrix load-test             JSON for the load-test workflow's matrix (fromJSON)
 */
import { loadPlatformConfig } from '../../config/load.js';
import type { CommandSpec } from '../cli/command.js';
import { InputError, UsageError } from '../cli/errors.js';
import { environmentOption, readInputFile } from '../cli/input.js';
import { runCommand, runIfMain, type CliIo } from '../cli/run.js';
import { classifyPlan } from './classify.js';
import { parsePlan } from './plan.js';
import { renderDriftMarkdown } from './report.js';
import { environmentClusters, loadTestMatrix } from './targets.js';

const USAGE: Record<string, { args: string[]; optional?: number }> = {
  classify: { args: ['stack', 'plan.json'] },
  clusters: { args: ['env'] },
  matrix: { args: ['load-test'] },
};

export const DRIFT_COMMAND: CommandSpec = {
  name: 'npm run drift --',
  summary: 'Drift and CI targets for the workflows: classify <stack> <plan.json> | clusters <env> | matrix load-test',
  positionals: [
    { name: 'command', choices: Object.keys(USAGE), description: 'what to print (see above)' },
    { name: 'args', required: false, variadic: true, description: "the command's arguments" },
  ],
  options: {},
  details: 'exit codes: 0 done (classify: no drift, or provider noise only), 1 real drift (classify) or unreadable input, 2 usage error',
};

export function run(argv: readonly string[], io: CliIo): Promise<number> {
  return runCommand(DRIFT_COMMAND, argv, io, ({ positionals }) => {
    const [command = '', ...args] = positionals;
    const expected = USAGE[command] ?? { args: [] };
    const min = expected.args.length - (expected.optional ?? 0);
    if (args.length < min || args.length > expected.args.length) {
      throw new UsageError(
        `${command} takes ${expected.args.map((a, i) => (i >= min ? `[${a}]` : `<${a}>`)).join(' ')}, got ${args.length} argument(s)`,
      );
    }
    const [first = '', second] = args;
    if (command === 'classify') {
      const file = second ?? '';
      const text = readInputFile(file, io.cwd, 'plan');
      let report;
      try {
        report = classifyPlan(parsePlan(text, file));
      } catch (error) {
        throw new InputError(`plan ${file}: ${error instanceof Error ? error.message : String(error)}`);
      }
      io.stdout(`${renderDriftMarkdown(first, report)}\n`);
      return report.drift.length > 0 ? 1 : 0;
    }
    const config = loadPlatformConfig();
    if (command === 'clusters') {
      for (const { region, cluster } of environmentClusters(config, environmentOption(config, first, '<env>') ?? first))
        io.stdout(`${region} ${cluster}\n`);
      return 0;
    }
    if (first !== 'load-test') throw new UsageError(`matrix takes load-test, got '${first}'`);
    io.stdout(`${JSON.stringify(loadTestMatrix(config, io.cwd))}\n`);
    return 0;
  });
}

runIfMain(import.meta.url, run);
