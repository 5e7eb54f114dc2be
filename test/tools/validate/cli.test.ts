import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../ci/workflows.js';
import { runValidateCli, terraformHere } from './terraform-here.js';

const here = terraformHere();

describe('npm run validate -- --probe (what .ci/run asks before validating)', () => {
  it('says terraform is missing when it is not on PATH', async () => {
    const { status, out } = await runValidateCli(['--probe'], ROOT, { PATH: dirname(process.execPath) });
    expect(status).toBe(1);
    expect(out.trim()).toBe('terraform is not on PATH');
  });

  it('refuses to validate without terraform: exit 2, naming what is missing', async () => {
    const { status, out } = await runValidateCli(['--no-synth'], ROOT, { PATH: dirname(process.execPath) });
    expect(status).toBe(2);
    expect(out.trim()).toBe('validate: cannot run here: terraform is not on PATH');
  });

  it.skipIf(here.terraformMissing !== undefined)('says a TF_PROVIDER_MIRROR without the AWS provider is wrong', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'validate-empty-mirror-'));
    const { status, out } = await runValidateCli(['--probe'], ROOT, { TF_PROVIDER_MIRROR: empty });
    expect(status).toBe(1);
    expect(out.trim()).toMatch(new RegExp(`^TF_PROVIDER_MIRROR=${empty} holds no registry.terraform.io/hashicorp/aws for `));
  });

  it.skipIf(here.unavailable !== undefined)('names the terraform version and the mirror it found', async () => {
    const { status, out } = await runValidateCli(['--probe']);
    expect(status).toBe(0);
    expect(out.trim()).toMatch(
      /^terraform \d+\.\d+\.\d+; provider mirror \S+ \(.+\): registry\.terraform\.io\/hashicorp\/aws \d+\.\d+\.\d+/,
    );
  });
});
