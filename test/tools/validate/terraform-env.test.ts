import { describe, expect, it } from 'vitest';
import { cliConfig, terraformEnv } from '../../../tools/validate/terraform-env.js';

describe('cliConfig', () => {
  const text = cliConfig({
    mirror: '/opt/tf-plugins',
    pluginCacheDir: '/repo/.build/terraform/plugin-cache',
    providers: ['registry.terraform.io/hashicorp/aws'],
  });

  it('installs the listed providers from the filesystem mirror, with the plugin cache under .build', () => {
    expect(text).toBe(
      [
        '# Written by npm run validate: providers come only from the local mirror, never the network.',
        'disable_checkpoint = true',
        'plugin_cache_dir   = "/repo/.build/terraform/plugin-cache"',
        '',
        'provider_installation {',
        '  filesystem_mirror {',
        '    path    = "/opt/tf-plugins"',
        '    include = ["registry.terraform.io/hashicorp/aws"]',
        '  }',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('has no direct or network mirror installation method, so nothing is ever downloaded', () => {
    expect(text).not.toMatch(/\bdirect\b|network_mirror/);
  });

  it('quotes paths as HCL strings', () => {
    expect(cliConfig({ mirror: 'C:\\mirror "x"', pluginCacheDir: '/c', providers: [] })).toContain('path    = "C:\\\\mirror \\"x\\""');
  });
});

describe('terraformEnv', () => {
  const env = terraformEnv(
    {
      PATH: '/usr/bin',
      HOME: '/root',
      TF_CLI_CONFIG_FILE: '/root/.terraformrc',
      TF_CLI_ARGS_validate: '-no-tests',
      TF_DATA_DIR: '/elsewhere',
      TF_PLUGIN_CACHE_DIR: '/cache',
      TF_LOG: 'debug',
      https_proxy: 'http://proxy.example:3128',
      UNSET: undefined,
    },
    '/repo/.build/validate/terraformrc',
  );

  it('points terraform at the generated CLI config and drops the user’s own TF_ settings', () => {
    expect(env.TF_CLI_CONFIG_FILE).toBe('/repo/.build/validate/terraformrc');
    expect(
      Object.keys(env)
        .filter((k) => k.startsWith('TF_'))
        .sort(),
    ).toEqual(['TF_CLI_CONFIG_FILE', 'TF_INPUT', 'TF_IN_AUTOMATION', 'TF_LOG']);
    expect(env).toMatchObject({ PATH: '/usr/bin', HOME: '/root', CHECKPOINT_DISABLE: '1', TF_INPUT: '0' });
    expect(env).not.toHaveProperty('UNSET');
  });

  it('sends any HTTP(S) request to a closed loopback port instead of a proxy or the internet', () => {
    expect(env).toMatchObject({ HTTP_PROXY: 'http://127.0.0.1:9', HTTPS_PROXY: 'http://127.0.0.1:9', NO_PROXY: '' });
    expect(env).not.toHaveProperty('https_proxy');
  });
});
