/**
 * `npm run codeowners [-- --check]`: writes CODEOWNERS from the ownership map;
 * `--check` exits 1 when the committed file is stale (CI) and writes nothing.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadPlatformConfig } from '../../config/load.js';
import type { CommandSpec } from '../cli/command.js';
import { runCommand, runIfMain, type CliIo } from '../cli/run.js';
import { CODEOWNERS_FILE, renderCodeowners } from './render.js';

export const CODEOWNERS_COMMAND: CommandSpec = {
  name: 'npm run codeowners --',
  summary: `Regenerates ${CODEOWNERS_FILE} from the ownership map in config (config/values/ownership.ts).`,
  options: {
    check: {
      type: 'boolean',
      description: `write nothing; exit 1 when the committed ${CODEOWNERS_FILE} differs from what config generates (CI)`,
    },
  },
  details: `exit codes: 0 written or up to date, 1 stale (--check) or bad config, 2 usage error`,
};

export function run(argv: readonly string[], io: CliIo): Promise<number> {
  return runCommand(CODEOWNERS_COMMAND, argv, io, ({ values }) => {
    const path = join(io.cwd, CODEOWNERS_FILE);
    const expected = renderCodeowners(loadPlatformConfig());
    const actual = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
    if (values.check) {
      if (actual !== expected) {
        io.stderr(`${CODEOWNERS_FILE} is stale: run \`npm run codeowners\` and commit the result\n`);
        return 1;
      }
      io.stdout(`${CODEOWNERS_FILE} is up to date\n`);
    } else if (actual === expected) {
      io.stdout(`${CODEOWNERS_FILE} unchanged\n`);
    } else {
      writeFileSync(path, expected);
      io.stdout(`wrote ${CODEOWNERS_FILE}\n`);
    }
    return 0;
  });
}

runIfMain(import.meta.url, run);
