/** `npm run load-tests:generate`: rewrites load-tests/<service>.js from config (a test fails when they drift). */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { k6Script, LOAD_TEST_DIR } from '../charts/rollouts/k6-script.js';
import { loadPlatformConfig } from '../config/load.js';
import type { CommandSpec } from '../tools/cli/command.js';
import { runCommand, runIfMain, type CliIo } from '../tools/cli/run.js';

export const LOAD_TESTS_COMMAND: CommandSpec = {
  name: 'npm run load-tests:generate --',
  summary: `Rewrites ${LOAD_TEST_DIR}/<service>.js (k6 scripts with the SLOs as thresholds) from config.`,
  options: {},
  details: 'exit codes: 0 written, 1 bad config, 2 usage error',
};

export function run(argv: readonly string[], io: CliIo): Promise<number> {
  return runCommand(LOAD_TESTS_COMMAND, argv, io, () => {
    const config = loadPlatformConfig();
    for (const service of config.services) {
      const delivery = config.delivery.services[service.name];
      if (!delivery) throw new Error(`service ${service.name} has no delivery entry in config/values/slo.ts`);
      writeFileSync(
        join(io.cwd, LOAD_TEST_DIR, `${service.name}.js`),
        k6Script(service.name, delivery, config.delivery.analysis.maxBurnRate),
      );
      io.stdout(`wrote ${LOAD_TEST_DIR}/${service.name}.js\n`);
    }
    return 0;
  });
}

runIfMain(import.meta.url, run);
