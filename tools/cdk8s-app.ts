/**
 * The app `cdk8s synth` runs (cdk8s.yaml). cdk8s deletes its output folder before it
 * runs the app, so cdk8s.yaml points it at a scratch folder (.build/cdk8s.out), never
 * at dist/. The app runs the same guarded synth as `npm run synth`, moves the checked
 * manifests and reports into dist/ in one rename (nothing when a check fails), and
 * copies the manifests into CDK8S_OUTDIR for the CLI to list. Under `--stdout`
 * (a temporary CDK8S_OUTDIR) dist/ is left alone.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { loadPlatformConfig } from '../config/load.js';
import type { PlatformConfig } from '../config/schema/platform.js';
import { SYNTH_USER_ERRORS } from './synth/user-errors.js';
import { runCommand, runIfMain, type CliIo } from './cli/run.js';
import type { CommandSpec } from './cli/command.js';
import { MANIFESTS_DIR, synthesize } from './synth/run.js';

const APP: CommandSpec = {
  name: 'tools/cdk8s-app.ts',
  summary: 'The cdk8s app (cdk8s.yaml): run by `npx cdk8s synth`, which sets CDK8S_OUTDIR; the same checks as npm run synth.',
  options: {},
};

const inside = (dir: string, parent: string) => !relative(parent, dir).startsWith('..');

/** Checks everything, moves the manifests into `<root>/dist` and copies them to `outdir`; the exit code. */
export async function synthesizeManifestHalf(config: PlatformConfig, outdir: string, io: CliIo): Promise<number> {
  const dist = join(io.cwd, MANIFESTS_DIR);
  const target = resolve(io.cwd, outdir);
  const stdoutOnly = inside(target, tmpdir()) && !inside(target, io.cwd);
  try {
    const { output, findings } = await synthesize(config, { root: io.cwd, outputs: stdoutOnly ? {} : { manifests: dist } });
    for (const f of findings) io.stderr(`warning [${f.check}] ${f.where}: ${f.message}\n`);
    if (target !== dist) {
      for (const cluster of output.clusters) {
        mkdirSync(join(target, cluster.dir), { recursive: true });
        for (const [file, text] of cluster.files) writeFileSync(join(target, cluster.dir, file), text);
      }
    }
    return 0;
  } catch (error) {
    if (!SYNTH_USER_ERRORS.some((kind) => error instanceof kind)) throw error;
    io.stderr(`${(error as Error).message}\ndist/ left untouched: the cdk8s app runs the checks of npm run synth\n`);
    return 1;
  }
}

export function run(argv: readonly string[], io: CliIo): Promise<number> {
  return runCommand(APP, argv, io, () => synthesizeManifestHalf(loadPlatformConfig(), process.env.CDK8S_OUTDIR ?? '.build/cdk8s.out', io));
}

runIfMain(import.meta.url, run);
