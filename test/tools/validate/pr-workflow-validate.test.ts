import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { findMirror, processMirrorEnvironment, type Mirror } from '../../../tools/validate/mirror.js';
import { cliConfig, findTerraform } from '../../../tools/validate/terraform-env.js';
import { loadWorkflow, ROOT } from '../../ci/workflows.js';

/**
 * The PR workflow's validate script, run here as GitHub runs it but with the
 * providers from the local mirror (the stacks below pin the mirrored version, so
 * the script's own `init` of the pinned version succeeds offline).
 */
const terraform = findTerraform();
const mirror = findMirror(processMirrorEnvironment());
const unavailable = 'missing' in terraform ? terraform.missing : 'missing' in mirror ? mirror.missing : undefined;
if (unavailable) console.warn(`test/tools/validate/pr-workflow-validate.test.ts: skipping the run of the workflow script: ${unavailable}`);

const script = loadWorkflow('pr.yml').jobs.synth?.steps?.find((s) => s.run?.includes('validate -no-color'))?.run ?? '';
const stack = (bucket: Record<string, unknown>, version: string) => ({
  provider: { aws: [{ region: 'us-east-1' }] },
  resource: { aws_s3_bucket: { logs: bucket } },
  terraform: { required_providers: { aws: { source: 'aws', version } }, backend: { s3: { bucket: 'state', key: 'k', region: 'us-east-1' } } },
});

describe.skipIf(unavailable !== undefined)('pr.yml: terraform init -backend=false + validate per stack', () => {
  let run: { status: number | null; stdout: string };
  let workspace = '';
  let version = '';
  beforeAll(() => {
    const found = mirror as Mirror;
    version = found.providers.get('registry.terraform.io/hashicorp/aws')?.at(-1) ?? '';
    workspace = mkdtempSync(join(tmpdir(), 'pr-validate-'));
    const home = join(workspace, 'home');
    // The runner's plugin cache, here the one npm run validate fills (no second copy of the provider).
    const cache = join(ROOT, '.build/terraform/plugin-cache');
    mkdirSync(cache, { recursive: true });
    mkdirSync(join(home, '.terraform.d'), { recursive: true });
    symlinkSync(cache, join(home, '.terraform.d/plugin-cache'));
    const stacks = { good: stack({ bucket: 'logs' }, version), typo: stack({ buckt: 'logs' }, version) };
    for (const [name, json] of Object.entries(stacks)) {
      mkdirSync(join(workspace, 'cdktf.out/stacks', name), { recursive: true });
      writeFileSync(join(workspace, 'cdktf.out/stacks', name, 'cdk.tf.json'), JSON.stringify(json, null, 2));
    }
    const config = join(workspace, 'terraformrc');
    writeFileSync(config, cliConfig({ mirror: found.path, pluginCacheDir: cache, providers: ['registry.terraform.io/hashicorp/aws'] }));
    const result = spawnSync('bash', ['-e', '-c', script], {
      cwd: workspace,
      env: { PATH: process.env.PATH ?? '', HOME: home, TF_CLI_CONFIG_FILE: config, CHECKPOINT_DISABLE: '1' },
      encoding: 'utf8',
      timeout: 300_000,
    });
    run = { status: result.status, stdout: result.stdout };
  }, 300_000);

  it('initializes each stack with the provider version it pins, without its backend', () => {
    const lock = readFileSync(join(workspace, 'cdktf.out/stacks/good/.terraform.lock.hcl'), 'utf8');
    expect(lock).toContain(`version     = "${version}"`);
    expect(lock).toContain(`constraints = "${version}"`);
    expect(existsSync(join(workspace, 'cdktf.out/stacks/good/.terraform/terraform.tfstate'))).toBe(false);
  });

  it('fails the step and annotates the invalid stack, printing terraform’s message', () => {
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('::error title=terraform validate failed::typo');
    expect(run.stdout).not.toContain('::error title=terraform validate failed::good');
    expect(run.stdout).toContain('No argument or block type is named "buckt". Did you mean "bucket"?');
    expect(run.stdout.trim().split('\n').at(-1)).toBe('terraform validate with the pinned providers: 1 passed, 1 failed');
  });
});
