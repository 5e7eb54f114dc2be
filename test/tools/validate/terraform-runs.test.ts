import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Mirror } from '../../../tools/validate/mirror.js';
import { cliConfig } from '../../../tools/validate/terraform-env.js';
import { loadWorkflow, ROOT } from '../../ci/workflows.js';
import { synthStack } from '../../support/platform.js';
import { runValidateCli, terraformHere } from './terraform-here.js';

/**
 * Real terraform over the local provider mirror. Both suites live in this one file so
 * they run one after the other: they share the plugin cache, which Terraform does not
 * guarantee safe for concurrent writers, and each keeps both cores busy.
 */
const here = terraformHere();
if (here.unavailable) console.warn(`test/tools/validate/terraform-runs.test.ts: skipping the runs of real terraform: ${here.unavailable}`);
const temporary: string[] = [];
const tempDir = (prefix: string) => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temporary.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});

const fixture = (stack: string) =>
  JSON.parse(readFileSync(join(__dirname, 'fixtures/mirror-5.100-root/stacks', stack, 'cdk.tf.json'), 'utf8'));
const pinned = (json: any) => ({ ...json, terraform: { required_providers: { aws: { source: 'aws', version: '6.25.0' } } } });
const eksCluster = (extra: Record<string, unknown>) =>
  pinned({
    provider: { aws: [{ region: 'us-east-1' }] },
    resource: {
      aws_eks_cluster: {
        cluster: {
          name: 'c',
          role_arn: 'arn:aws:iam::123456789012:role/eks',
          deletion_protection: true,
          vpc_config: { subnet_ids: ['subnet-1'] },
          ...extra,
        },
      },
    },
  });

/** A checkout with node_modules and a cdktf.out holding these stacks (as synth writes them). */
function project(stacks: Record<string, unknown>): string {
  const dir = tempDir('validate-project-');
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  for (const [name, json] of Object.entries(stacks)) {
    mkdirSync(join(dir, 'cdktf.out/stacks', name), { recursive: true });
    writeFileSync(join(dir, 'cdktf.out/stacks', name, 'cdk.tf.json'), typeof json === 'string' ? json : JSON.stringify(json, null, 2));
  }
  writeFileSync(join(dir, 'cdktf.out/manifest.json'), '{}');
  return dir;
}

describe.skipIf(here.unavailable !== undefined)('npm run validate with real terraform and the mirrored provider', () => {
  let status: number | null = null;
  let lines: string[] = [];
  let dir = '';
  beforeAll(async () => {
    dir = project({
      'dev-global-state': synthStack('dev-global-state'),
      'prod-global-github': synthStack('prod-global-github'),
      'skew-only': eksCluster({}),
      // The skewed argument stops terraform before the provider's checks; the second pass runs them.
      'skew-hides-error': eksCluster({ role_arn: 'not-an-arn' }),
      sample: pinned(fixture('sample')),
      'provider-typo': pinned(fixture('provider-typo')),
    });
    // One root at a time: this runs beside the rest of the suite on two cores.
    const run = await runValidateCli(['--no-synth', '--jobs', '1'], dir, {
      TF_PLUGIN_CACHE_DIR: join(ROOT, '.build/terraform/plugin-cache'),
    });
    status = run.status;
    lines = run.out.split('\n');
  }, 300_000);

  it('fails with exit 1 and counts every stack once', () => {
    expect(status).toBe(1);
    expect(lines.find((l) => l.startsWith('validate: 1 valid'))).toMatch(
      /^validate: 1 valid, 1 valid with version skew, 1 skipped, 3 failed \(6 stacks\) in \d+\.\d s \[init \d+\.\d s, terraform validate \d+\.\d s in \d+ roots, \d+ at a time\]$/,
    );
  });

  it('names stack, resource address and terraform’s message for each error', () => {
    const failed = lines.filter((l) => l.startsWith('FAILED ')).sort();
    expect(failed).toEqual([
      'FAILED provider-typo provider.aws: Extraneous JSON object property: No argument or block type is named "default_tagz". Did you mean "default_tags"?',
      'FAILED sample aws_eks_cluster.cluster: Extraneous JSON object property: No argument or block type is named "subnet_idz". Did you mean "subnet_ids"?',
      'FAILED sample aws_eks_cluster.cluster: Missing required argument: The argument "subnet_ids" is required, but no definition was found.',
      'FAILED sample aws_s3_bucket.logs: Extraneous JSON object property: No argument or block type is named "force_destory". Did you mean "force_destroy"?',
      'FAILED skew-hides-error aws_eks_cluster.cluster: "role_arn" (not-an-arn) is an invalid ARN: arn: invalid prefix',
    ]);
  });

  it('reports version skew apart, with the stacks it occurs in', () => {
    expect(lines).toContain('  aws_eks_cluster.deletion_protection (5.100.0 < pinned 6.25.0): 3x in sample, skew-hides-error, skew-only');
    expect(lines).toContain(
      '  aws_eks_node_group.node_repair_config.max_parallel_nodes_repaired_count (5.100.0 < pinned 6.25.0): 1x in sample',
    );
    expect(lines).toContain('  resource type aws_billing_view (5.100.0 < pinned 6.25.0): 1x in sample');
  });

  it('installs from the mirror only, through its own CLI config, with the plugin cache asked for', () => {
    const config = readFileSync(join(dir, '.build/validate/terraformrc'), 'utf8');
    expect(config).toContain(`path    = "${here.mirror?.path}"`);
    expect(config).toContain(`plugin_cache_dir   = "${join(ROOT, '.build/terraform/plugin-cache')}"`);
    expect(config).not.toMatch(/\bdirect\b/);
  });

  it('skips the stack whose provider the mirror lacks, with the reason', () => {
    expect(lines.filter((l) => l.startsWith('skipped '))).toEqual([
      expect.stringMatching(
        /^skipped prod-global-github: provider registry\.terraform\.io\/integrations\/github 6\.9\.0 is not in the mirror /,
      ),
    ]);
  });
});

/**
 * The PR workflow's validate script, run here as GitHub runs it but with the
 * providers from the local mirror (the stacks below pin the mirrored version, so
 * the script's own `init` of the pinned version succeeds offline).
 */
const script = loadWorkflow('pr.yml').jobs.synth?.steps?.find((s) => s.run?.includes('validate -no-color'))?.run ?? '';
const backend = { s3: { bucket: 'state', key: 'k', region: 'us-east-1' } };
/**
 * A stack that pins the AWS provider, as synth writes them, with a resource of
 * Terraform's built-in provider: `init` installs the pinned version, `validate`
 * loads its schema but starts no provider process for a configuration (each costs
 * ~1.5 s of CPU; npm run validate above runs the provider's own checks).
 */
const pinnedStack = (version: string) => ({
  resource: { terraform_data: { logs: { input: 'logs' } } },
  terraform: { required_providers: { aws: { source: 'aws', version } }, backend },
});
/** A typo in a built-in resource: the script's failure path, without a second AWS provider. */
const typoStack = { resource: { terraform_data: { logs: { inputt: 'logs' } } }, terraform: { backend } };

describe.skipIf(here.unavailable !== undefined)('pr.yml: terraform init -backend=false + validate per stack', () => {
  let run: { status: number | null; stdout: string };
  let workspace = '';
  let version = '';
  beforeAll(() => {
    const found = here.mirror as Mirror;
    version = found.providers.get('registry.terraform.io/hashicorp/aws')?.at(-1) ?? '';
    workspace = tempDir('pr-validate-');
    const home = join(workspace, 'home');
    // The runner's plugin cache, here the one npm run validate fills (no second copy of the provider).
    const cache = join(ROOT, '.build/terraform/plugin-cache');
    mkdirSync(cache, { recursive: true });
    mkdirSync(join(home, '.terraform.d'), { recursive: true });
    symlinkSync(cache, join(home, '.terraform.d/plugin-cache'));
    const stacks = { good: pinnedStack(version), typo: typoStack };
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
    expect(run.stdout).toContain('No argument or block type is named "inputt". Did you mean "input"?');
    expect(run.stdout.trim().split('\n').at(-1)).toBe('terraform validate with the pinned providers: 1 passed, 1 failed');
  });
});
