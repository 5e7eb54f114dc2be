import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  BOOTSTRAP_OVERRIDE_FILE,
  BOOTSTRAP_STATE_DIR,
  DR_OVERRIDE_FILE,
  drOverride,
  writeBootstrapOverride,
  writeDrOverrides,
} from '../../../tools/state/overrides.js';
import type { TerraformJson } from '../../../tools/synth/output.js';
import { platformConfig, stackJson } from '../../support/platform.js';

const terraform = spawnSync('terraform', ['version'], { encoding: 'utf8' }).status === 0;
/** Terraform without network or user config: no providers are needed by these configurations. */
const tf = (dir: string, ...args: string[]) => {
  const cliConfig = join(dir, '..', 'empty.tfrc');
  writeFileSync(cliConfig, '');
  const run = spawnSync('terraform', [`-chdir=${dir}`, ...args, '-no-color'], {
    encoding: 'utf8',
    env: { ...process.env, TF_CLI_CONFIG_FILE: cliConfig, CHECKPOINT_DISABLE: '1' },
  });
  if (run.status !== 0) throw new Error(`terraform ${args.join(' ')} failed:\n${run.stdout}\n${run.stderr}`);
  return run.stdout;
};

/** A folder shaped like the synth output, with the given stacks' cdk.tf.json. */
function synthRoot(stacks: Record<string, TerraformJson>): string {
  const root = mkdtempSync(join(tmpdir(), 'state-overrides-'));
  for (const [name, json] of Object.entries(stacks)) {
    mkdirSync(join(root, 'cdktf.out', 'stacks', name), { recursive: true });
    writeFileSync(join(root, 'cdktf.out', 'stacks', name, 'cdk.tf.json'), JSON.stringify(json));
  }
  return root;
}

describe('state bootstrap override', () => {
  it('keeps the bootstrap state in .bootstrap-state/, beside cdktf.out (which every synth replaces)', () => {
    const root = synthRoot({ 'prod-global-state': stackJson('prod-global-state') });
    const statePath = writeBootstrapOverride(root, 'prod');
    expect(statePath).toBe(join(root, BOOTSTRAP_STATE_DIR, 'prod-global-state.tfstate'));
    expect(statePath.startsWith(join(root, 'cdktf.out'))).toBe(false);
    expect(JSON.parse(readFileSync(join(root, 'cdktf.out', 'stacks', 'prod-global-state', BOOTSTRAP_OVERRIDE_FILE), 'utf8'))).toEqual({
      terraform: { backend: { local: { path: statePath } } },
    });
  });

  it('refuses to run before a synth', () => {
    expect(() => writeBootstrapOverride(mkdtempSync(join(tmpdir(), 'no-synth-')), 'prod')).toThrow(
      /prod-global-state\/cdk\.tf\.json: run `npm run synth` first/,
    );
  });

  it.skipIf(!terraform)("replaces the stack's S3 backend: terraform applies with its state outside cdktf.out", () => {
    const synthesized = stackJson('prod-global-state');
    // The stack's own terraform block (its S3 backend) with an output instead of the AWS resources.
    const root = synthRoot({
      'prod-global-state': { terraform: { backend: synthesized.terraform.backend }, output: { ready: { value: 'yes' } } },
    });
    const statePath = writeBootstrapOverride(root, 'prod');
    const dir = join(root, 'cdktf.out', 'stacks', 'prod-global-state');
    tf(dir, 'init', '-input=false');
    expect(JSON.parse(readFileSync(join(dir, '.terraform', 'terraform.tfstate'), 'utf8')).backend).toMatchObject({
      type: 'local',
      config: { path: statePath },
    });
    tf(dir, 'apply', '-input=false', '-auto-approve');
    expect(JSON.parse(readFileSync(statePath, 'utf8')).outputs.ready.value).toBe('yes');
    expect(existsSync(join(dir, 'terraform.tfstate'))).toBe(false);
  });
});

describe('DR state override', () => {
  it('moves the backend and every remote-state read of a stack to the replica bucket, region and key', () => {
    const override = drOverride(platformConfig(), 'prod', stackJson('prod-us-east-1-database'));
    const replica = {
      bucket: 'tradesense-prod-tfstate-410987654321-us-west-2',
      region: 'us-west-2',
      kms_key_id: 'arn:aws:kms:us-west-2:410987654321:alias/prod-terraform-state',
    };
    expect(override?.terraform?.backend).toEqual({
      s3: { ...replica, key: 'prod-us-east-1-database/terraform.tfstate', encrypt: true, use_lockfile: true },
    });
    const reads = override?.data?.terraform_remote_state ?? {};
    expect(Object.keys(reads).sort()).toEqual(Object.keys(stackJson('prod-us-east-1-database').data?.terraform_remote_state ?? {}).sort());
    expect(Object.values(reads).map((r) => r.config)).toContainEqual({
      ...replica,
      key: 'prod-us-west-2-cluster/terraform.tfstate',
      encrypt: true,
    });
  });

  it('writes an override into every stack of the environment, and refuses an environment without a replica', () => {
    const root = synthRoot({
      'prod-global-state': stackJson('prod-global-state'),
      'prod-us-west-2-network': stackJson('prod-us-west-2-network'),
      'dev-global-audit': stackJson('dev-global-audit'),
    });
    expect(writeDrOverrides(root, platformConfig(), 'prod')).toEqual(['prod-global-state', 'prod-us-west-2-network']);
    expect(existsSync(join(root, 'cdktf.out', 'stacks', 'prod-us-west-2-network', DR_OVERRIDE_FILE))).toBe(true);
    expect(existsSync(join(root, 'cdktf.out', 'stacks', 'dev-global-audit', DR_OVERRIDE_FILE))).toBe(false);
    expect(() => writeDrOverrides(root, platformConfig(), 'dev')).toThrow(
      /environment 'dev' has no state replica: it needs a second region \(add one to environments\.dev\.regions\.replicas\)/,
    );
  });

  it.skipIf(!terraform)('merges into valid Terraform: the remote-state reads validate against the S3 backend schema', () => {
    const synthesized = stackJson('prod-us-east-1-database');
    const root = synthRoot({
      'prod-us-east-1-database': {
        terraform: { backend: synthesized.terraform.backend },
        data: { terraform_remote_state: synthesized.data?.terraform_remote_state },
      },
    });
    writeDrOverrides(root, platformConfig(), 'prod');
    const dir = join(root, 'cdktf.out', 'stacks', 'prod-us-east-1-database');
    tf(dir, 'init', '-input=false', '-backend=false');
    expect(tf(dir, 'validate')).toMatch(/The configuration is valid/);
  });
});
