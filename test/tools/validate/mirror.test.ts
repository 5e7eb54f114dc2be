import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  compareVersions,
  findMirror,
  mirrorCandidates,
  mirroredProviders,
  terraformPlatform,
  type MirrorEnvironment,
} from '../../../tools/validate/mirror.js';

let base: string;
beforeEach(() => {
  base = mkdtempSync(join(tmpdir(), 'validate-mirror-'));
});

/** An unpacked mirror entry: <root>/<host>/<ns>/<type>/<version>/<platform>/terraform-provider-<type>. */
function unpacked(root: string, address: string, version: string, platform = 'linux_amd64') {
  const dir = join(root, address, version, platform);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `terraform-provider-${address.split('/').at(-1)}_v${version}_x5`), '');
}

const environment = (env: Record<string, string> = {}): MirrorEnvironment => ({ env, home: join(base, 'home'), cwd: join(base, 'work') });

describe('mirroredProviders', () => {
  it('reads unpacked and packed layouts, for this platform only, versions in order', () => {
    const root = join(base, 'mirror');
    unpacked(root, 'registry.terraform.io/hashicorp/aws', '5.100.0');
    unpacked(root, 'registry.terraform.io/hashicorp/aws', '5.9.0');
    unpacked(root, 'registry.terraform.io/hashicorp/aws', '6.0.0', 'darwin_arm64');
    mkdirSync(join(root, 'registry.terraform.io/integrations/github'), { recursive: true });
    writeFileSync(join(root, 'registry.terraform.io/integrations/github/terraform-provider-github_6.9.0_linux_amd64.zip'), '');
    writeFileSync(join(root, 'registry.terraform.io/integrations/github/terraform-provider-github_6.10.0_windows_amd64.zip'), '');
    expect(Object.fromEntries(mirroredProviders(root, 'linux_amd64'))).toEqual({
      'registry.terraform.io/hashicorp/aws': ['5.9.0', '5.100.0'],
      'registry.terraform.io/integrations/github': ['6.9.0'],
    });
  });

  it('is empty for a folder that does not exist', () => {
    expect(mirroredProviders(join(base, 'nowhere')).size).toBe(0);
  });
});

describe('findMirror', () => {
  it('uses TF_PROVIDER_MIRROR alone when it is set', () => {
    const chosen = join(base, 'chosen');
    unpacked(chosen, 'registry.terraform.io/hashicorp/aws', '5.100.0');
    unpacked(join(base, 'home/.terraform.d/plugins'), 'registry.terraform.io/hashicorp/aws', '6.25.0');
    expect(mirrorCandidates(environment({ TF_PROVIDER_MIRROR: chosen }))).toEqual([{ path: chosen, why: 'TF_PROVIDER_MIRROR' }]);
    expect(findMirror(environment({ TF_PROVIDER_MIRROR: chosen }), 'linux_amd64')).toMatchObject({
      path: chosen,
      why: 'TF_PROVIDER_MIRROR',
    });
  });

  it('says the override is wrong rather than falling back to another folder', () => {
    const empty = join(base, 'empty');
    mkdirSync(empty);
    unpacked(join(base, 'home/.terraform.d/plugins'), 'registry.terraform.io/hashicorp/aws', '5.100.0');
    expect(findMirror(environment({ TF_PROVIDER_MIRROR: empty }), 'linux_amd64')).toEqual({
      missing: `TF_PROVIDER_MIRROR=${empty} holds no registry.terraform.io/hashicorp/aws for linux_amd64`,
    });
  });

  it("looks in Terraform's implied mirror folders first: the working directory, the user's, then the XDG data folders", () => {
    const paths = mirrorCandidates(environment({ XDG_DATA_DIRS: '/srv/share' })).map((c) => c.path);
    expect(paths.slice(0, 4)).toEqual([
      join(base, 'work/terraform.d/plugins'),
      join(base, 'home/.terraform.d/plugins'),
      join(base, 'home/.local/share/terraform/plugins'),
      '/srv/share/terraform/plugins',
    ]);
  });

  it('takes the first candidate that holds the AWS provider, skipping one with other providers only', () => {
    unpacked(join(base, 'work/terraform.d/plugins'), 'registry.terraform.io/hashicorp/random', '3.7.0');
    unpacked(join(base, 'home/.local/share/terraform/plugins'), 'registry.terraform.io/hashicorp/aws', '5.100.0');
    const found = findMirror(environment({ XDG_DATA_DIRS: join(base, 'none') }), 'linux_amd64');
    expect(found).toMatchObject({ path: join(base, 'home/.local/share/terraform/plugins'), why: 'an XDG data folder' });
  });

  it('names every folder it searched and the override when there is no mirror', () => {
    const found = findMirror({ ...environment({ XDG_DATA_DIRS: join(base, 'none') }) }, 'plan9_amd64');
    expect(found).toHaveProperty('missing');
    const { missing } = found as { missing: string };
    expect(missing).toContain(join(base, 'home/.terraform.d/plugins'));
    expect(missing).toMatch(/set TF_PROVIDER_MIRROR to the folder that holds registry\.terraform\.io\/\)$/);
  });
});

describe('versions and platforms', () => {
  it('orders versions numerically, a pre-release before its release', () => {
    expect(['6.25.0', '5.100.0', '5.9.1', '6.0.0-beta1', '6.0.0'].sort(compareVersions)).toEqual([
      '5.9.1',
      '5.100.0',
      '6.0.0-beta1',
      '6.0.0',
      '6.25.0',
    ]);
  });

  it('names platforms as Terraform does', () => {
    expect(terraformPlatform('linux', 'x64')).toBe('linux_amd64');
    expect(terraformPlatform('darwin', 'arm64')).toBe('darwin_arm64');
    expect(terraformPlatform('win32', 'x64')).toBe('windows_amd64');
  });
});
