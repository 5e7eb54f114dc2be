import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { findMirror, processMirrorEnvironment } from '../../../tools/validate/mirror.js';
import { findTerraform } from '../../../tools/validate/terraform-env.js';
import { ROOT } from '../../ci/workflows.js';
import { synthStack } from '../../support/platform.js';

const terraform = findTerraform();
const mirror = findMirror(processMirrorEnvironment());
const unavailable = 'missing' in terraform ? terraform.missing : 'missing' in mirror ? mirror.missing : undefined;
if (unavailable) console.warn(`test/tools/validate/cli.test.ts: skipping the runs of real terraform: ${unavailable}`);

/** `npm run validate` with `args`, in `cwd`, with `env` added. */
function validate(args: string[], cwd: string = ROOT, env: Record<string, string> = {}) {
  const run = spawnSync(process.execPath, [join(ROOT, 'tools/run.mjs'), join(ROOT, 'tools/validate/cli.ts'), ...args], {
    cwd,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 300_000,
  });
  return { status: run.status, out: `${run.stdout}${run.stderr}` };
}

describe('npm run validate -- --probe (what .ci/run asks before validating)', () => {
  it('says terraform is missing when it is not on PATH', () => {
    const { status, out } = validate(['--probe'], ROOT, { PATH: dirname(process.execPath) });
    expect(status).toBe(1);
    expect(out.trim()).toBe('terraform is not on PATH');
  });

  it('refuses to validate without terraform: exit 2, naming what is missing', () => {
    const { status, out } = validate(['--no-synth'], ROOT, { PATH: dirname(process.execPath) });
    expect(status).toBe(2);
    expect(out.trim()).toBe('validate: cannot run here: terraform is not on PATH');
  });

  it.skipIf('missing' in terraform)('says a TF_PROVIDER_MIRROR without the AWS provider is wrong', () => {
    const empty = mkdtempSync(join(tmpdir(), 'validate-empty-mirror-'));
    const { status, out } = validate(['--probe'], ROOT, { TF_PROVIDER_MIRROR: empty });
    expect(status).toBe(1);
    expect(out.trim()).toMatch(new RegExp(`^TF_PROVIDER_MIRROR=${empty} holds no registry.terraform.io/hashicorp/aws for `));
  });

  it.skipIf(unavailable !== undefined)('names the terraform version and the mirror it found', () => {
    const { status, out } = validate(['--probe']);
    expect(status).toBe(0);
    expect(out.trim()).toMatch(/^terraform \d+\.\d+\.\d+; provider mirror \S+ \(.+\): registry\.terraform\.io\/hashicorp\/aws \d+\.\d+\.\d+/);
  });
});

const fixture = (stack: string) => JSON.parse(readFileSync(join(__dirname, 'fixtures/mirror-5.100-root/stacks', stack, 'cdk.tf.json'), 'utf8'));
const pinned = (json: any) => ({ ...json, terraform: { required_providers: { aws: { source: 'aws', version: '6.25.0' } } } });
const eksCluster = (extra: Record<string, unknown>) =>
  pinned({
    provider: { aws: [{ region: 'us-east-1' }] },
    resource: {
      aws_eks_cluster: {
        cluster: { name: 'c', role_arn: 'arn:aws:iam::123456789012:role/eks', deletion_protection: true, vpc_config: { subnet_ids: ['subnet-1'] }, ...extra },
      },
    },
  });

/** A checkout with node_modules and a cdktf.out holding these stacks (as synth writes them). */
function project(stacks: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'validate-project-'));
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  for (const [name, json] of Object.entries(stacks)) {
    mkdirSync(join(dir, 'cdktf.out/stacks', name), { recursive: true });
    writeFileSync(join(dir, 'cdktf.out/stacks', name, 'cdk.tf.json'), typeof json === 'string' ? json : JSON.stringify(json, null, 2));
  }
  writeFileSync(join(dir, 'cdktf.out/manifest.json'), '{}');
  return dir;
}

describe.skipIf(unavailable !== undefined)('npm run validate with real terraform and the mirrored provider', () => {
  let status: number | null = null;
  let lines: string[] = [];
  let dir = '';
  beforeAll(() => {
    dir = project({
      'dev-global-state': synthStack('dev-global-state'),
      'prod-global-github': synthStack('prod-global-github'),
      'skew-only': eksCluster({}),
      // The skewed argument stops terraform before the provider's checks; the second pass runs them.
      'skew-hides-error': eksCluster({ role_arn: 'not-an-arn' }),
      sample: pinned(fixture('sample')),
      'provider-typo': pinned(fixture('provider-typo')),
    });
    const run = validate(['--no-synth'], dir, { TF_PLUGIN_CACHE_DIR: join(ROOT, '.build/terraform/plugin-cache') });
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
    expect(lines).toContain('  aws_eks_node_group.node_repair_config.max_parallel_nodes_repaired_count (5.100.0 < pinned 6.25.0): 1x in sample');
    expect(lines).toContain('  resource type aws_billing_view (5.100.0 < pinned 6.25.0): 1x in sample');
  });

  it('installs from the mirror only, through its own CLI config, with the plugin cache asked for', () => {
    const config = readFileSync(join(dir, '.build/validate/terraformrc'), 'utf8');
    expect(config).toContain(`path    = "${(mirror as { path: string }).path}"`);
    expect(config).toContain(`plugin_cache_dir   = "${join(ROOT, '.build/terraform/plugin-cache')}"`);
    expect(config).not.toMatch(/\bdirect\b/);
  });

  it('skips the stack whose provider the mirror lacks, with the reason', () => {
    expect(lines.filter((l) => l.startsWith('skipped '))).toEqual([
      expect.stringMatching(/^skipped prod-global-github: provider registry\.terraform\.io\/integrations\/github 6\.9\.0 is not in the mirror /),
    ]);
  });
});
