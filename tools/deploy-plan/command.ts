import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadPlatformConfig } from '../../config/load.js';
import type { PlatformConfig } from '../../config/schema/platform.js';
import { DEPLOY_WORKFLOW_FILE, renderDeployWorkflow } from './deploy-workflow.js';
import { DRIFT_WORKFLOW_FILE, renderDriftWorkflow } from './drift-workflow.js';
import { buildDeployPlan, type DeployPlan } from './plan.js';
import { renderPlanText } from './render.js';
import { readSynthesizedStacks } from './synth-output.js';

export const USAGE = `usage: npm run deploy-plan -- [--env <name>] [--json] [--synth <dir>]
       npm run deploy-plan -- --write | --check [--synth <dir>]

Prints the deploy plan of the synthesized stacks (run \`npm run synth\` first): per environment
in config.deployOrder, the stacks CI applies in levels, each after every stack it reads.

  --env <name>   only this environment
  --json         the plan as JSON
  --synth <dir>  the synth output to plan (default: cdktf.out)
  --write        regenerate ${DEPLOY_WORKFLOW_FILE} and ${DRIFT_WORKFLOW_FILE} from the plan
  --check        exit 1 when those files are not the plan of this synth (CI)
  --help         this text`;

/** Where the command reads and writes, and where it prints. */
export interface CommandIo {
  readonly root: string;
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  /** @default loadPlatformConfig() */
  readonly config?: () => PlatformConfig;
}

class UsageError extends Error {}

function parse(argv: readonly string[]) {
  try {
    const { values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        env: { type: 'string' },
        json: { type: 'boolean', default: false },
        synth: { type: 'string', default: 'cdktf.out' },
        write: { type: 'boolean', default: false },
        check: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    });
    const modes = [
      values.write && '--write',
      values.check && '--check',
      values.json && '--json',
      values.env !== undefined && '--env',
    ].filter(Boolean);
    if ((values.write || values.check) && modes.length > 1) throw new UsageError(`${modes.join(' and ')} do not go together`);
    return values;
  } catch (error) {
    throw error instanceof UsageError ? error : new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/** The generated workflows of a plan, by path. */
export function generatedWorkflows(config: PlatformConfig, plan: DeployPlan): Record<string, string> {
  return { [DEPLOY_WORKFLOW_FILE]: renderDeployWorkflow(config, plan), [DRIFT_WORKFLOW_FILE]: renderDriftWorkflow(config, plan) };
}

function syncWorkflows(io: CommandIo, files: Record<string, string>, check: boolean): number {
  const stale = Object.entries(files).filter(([file, text]) => {
    const path = join(io.root, file);
    return !existsSync(path) || readFileSync(path, 'utf8') !== text;
  });
  if (check) {
    if (stale.length === 0) {
      io.out(`${Object.keys(files).join(' and ')} are the plan of this synth`);
      return 0;
    }
    io.err(
      `${stale.map(([f]) => f).join(' and ')} ${stale.length > 1 ? 'are' : 'is'} not the deploy plan of this synth: run \`npm run synth && npm run deploy-plan -- --write\` and commit the result`,
    );
    return 1;
  }
  for (const [file, text] of stale) writeFileSync(join(io.root, file), text);
  io.out(stale.length === 0 ? 'workflows unchanged' : `wrote ${stale.map(([f]) => f).join(', ')}`);
  return 0;
}

/** `npm run deploy-plan`: exit 0 on success, 1 on a failed check or a bad synth, 2 on bad arguments. */
export function runDeployPlan(argv: readonly string[], io: CommandIo): number {
  try {
    const args = parse(argv);
    if (args.help) {
      io.out(USAGE);
      return 0;
    }
    const config = (io.config ?? loadPlatformConfig)();
    const plan = buildDeployPlan(config, readSynthesizedStacks(resolve(io.root, args.synth)));
    if (args.write || args.check) return syncWorkflows(io, generatedWorkflows(config, plan), args.check);
    const environments = plan.environments.filter((e) => args.env === undefined || e.name === args.env);
    if (environments.length === 0)
      throw new UsageError(
        `--env '${args.env}' is not an environment of config.deployOrder; use one of ${plan.environments.map((e) => e.name).join(', ')}`,
      );
    const shown = { environments };
    io.out(args.json ? JSON.stringify(shown, null, 2) : renderPlanText(shown, args.synth));
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`${error.message}\n\n${USAGE}`);
      return 2;
    }
    // Bad config, a missing synth, a cycle: the message names the field or the stacks, no stack trace.
    io.err(error instanceof Error ? error.message : String(error));
    return 1;
  }
}
