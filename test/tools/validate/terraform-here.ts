import { findMirror, processMirrorEnvironment, type Mirror } from '../../../tools/validate/mirror.js';
import { run as validate } from '../../../tools/validate/cli.js';
import { findTerraform } from '../../../tools/validate/terraform-env.js';
import { ROOT } from '../../ci/workflows.js';
import { runCli } from '../cli/harness.js';

/** The mirror and terraform of this machine, or why real terraform runs are skipped here. */
export function terraformHere(): { mirror?: Mirror; terraformMissing?: string; unavailable?: string } {
  const terraform = findTerraform();
  const mirror = findMirror(processMirrorEnvironment());
  const terraformMissing = 'missing' in terraform ? terraform.missing : undefined;
  const unavailable = terraformMissing ?? ('missing' in mirror ? mirror.missing : undefined);
  return { mirror: 'missing' in mirror ? undefined : mirror, terraformMissing, unavailable };
}

/**
 * `npm run validate` with `args`, in `cwd`, with `env` added, run in this worker (no
 * second Node): the CLI reads its environment from process.env, which a worker thread
 * owns alone, set for the run and restored after.
 */
export async function runValidateCli(
  args: string[],
  cwd: string = ROOT,
  env: Record<string, string> = {},
): Promise<{ status: number; out: string }> {
  const saved = Object.fromEntries(Object.keys(env).map((key) => [key, process.env[key]]));
  Object.assign(process.env, env);
  try {
    const result = await runCli(validate, args, cwd);
    return { status: result.code, out: `${result.stdout}${result.stderr}` };
  } finally {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}
