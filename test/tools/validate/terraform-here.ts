import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { findMirror, processMirrorEnvironment, type Mirror } from '../../../tools/validate/mirror.js';
import { findTerraform } from '../../../tools/validate/terraform-env.js';
import { ROOT } from '../../ci/workflows.js';

/** The mirror and terraform of this machine, or why real terraform runs are skipped here. */
export function terraformHere(): { mirror?: Mirror; terraformMissing?: string; unavailable?: string } {
  const terraform = findTerraform();
  const mirror = findMirror(processMirrorEnvironment());
  const terraformMissing = 'missing' in terraform ? terraform.missing : undefined;
  const unavailable = terraformMissing ?? ('missing' in mirror ? mirror.missing : undefined);
  return { mirror: 'missing' in mirror ? undefined : mirror, terraformMissing, unavailable };
}

/** `npm run validate` with `args`, in `cwd`, with `env` added. */
export function runValidateCli(args: string[], cwd: string = ROOT, env: Record<string, string> = {}) {
  const run = spawnSync(process.execPath, [join(ROOT, 'tools/run.mjs'), join(ROOT, 'tools/validate/cli.ts'), ...args], {
    cwd,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 300_000,
  });
  return { status: run.status, out: `${run.stdout}${run.stderr}` };
}
