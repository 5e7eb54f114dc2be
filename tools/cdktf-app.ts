/**
 * The app `cdktf synth|diff|deploy` runs (cdktf.json). The same guarded synth as
 * `npm run synth` (config invariants, every output check, cluster states), then only
 * the Terraform half is moved into CDKTF_OUTDIR, in one rename: output npm run synth
 * would refuse is never written, and a failure leaves the previous cdktf.out/ as it was.
 */
import { dirname, resolve } from 'node:path';
import { loadPlatformConfig } from '../config/load.js';
import type { PlatformConfig } from '../config/schema/platform.js';
import { runCommand, runIfMain, type CliIo } from './cli/run.js';
import type { CommandSpec } from './cli/command.js';
import { installCheapStackTraces } from './synth/cheap-stack-traces.js';
import { synthesize } from './synth/run.js';
import { SYNTH_USER_ERRORS } from './synth/user-errors.js';

const APP: CommandSpec = {
  name: 'tools/cdktf-app.ts',
  summary: 'The cdktf app (cdktf.json): run by `npx cdktf synth|diff|deploy`, which sets CDKTF_OUTDIR; the same checks as npm run synth.',
  options: {},
};

/** Checks everything, then writes the Terraform half to `outdir`; the exit code. */
export async function synthesizeTerraformHalf(config: PlatformConfig, outdir: string, io: CliIo): Promise<number> {
  const target = resolve(io.cwd, outdir);
  try {
    const { findings } = await synthesize(config, { root: dirname(target), outputs: { terraform: target } });
    for (const f of findings) io.stderr(`warning [${f.check}] ${f.where}: ${f.message}\n`);
    return 0;
  } catch (error) {
    if (!SYNTH_USER_ERRORS.some((kind) => error instanceof kind)) throw error;
    io.stderr(`${(error as Error).message}\n${outdir} left untouched: the cdktf app runs the checks of npm run synth\n`);
    return 1;
  }
}

export function run(argv: readonly string[], io: CliIo): Promise<number> {
  return runCommand(APP, argv, io, () => synthesizeTerraformHalf(loadPlatformConfig(), process.env.CDKTF_OUTDIR ?? 'cdktf.out', io));
}

runIfMain(import.meta.url, run, installCheapStackTraces);
