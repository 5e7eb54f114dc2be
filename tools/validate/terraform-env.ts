/**
 * The Terraform CLI as `npm run validate` runs it: a CLI config that installs
 * providers only from the local mirror (no `direct` block, so nothing is ever
 * fetched), a plugin cache under .build/, and an environment that keeps the
 * user's own Terraform settings and any network out.
 */
import { execFileSync } from 'node:child_process';

/** Quoted as an HCL string. */
const hcl = (s: string) => JSON.stringify(s);

/** The CLI configuration (TF_CLI_CONFIG_FILE) for an offline run. */
export function cliConfig({
  mirror,
  pluginCacheDir,
  providers,
}: {
  mirror: string;
  pluginCacheDir: string;
  providers: readonly string[];
}): string {
  return [
    '# Written by npm run validate: providers come only from the local mirror, never the network.',
    'disable_checkpoint = true',
    `plugin_cache_dir   = ${hcl(pluginCacheDir)}`,
    '',
    'provider_installation {',
    '  filesystem_mirror {',
    `    path    = ${hcl(mirror)}`,
    `    include = [${providers.map(hcl).join(', ')}]`,
    '  }',
    '}',
    '',
  ].join('\n');
}

/**
 * The environment of every terraform child: the user's TF_* settings (CLI args,
 * data dir, another CLI config or plugin cache) are dropped so the run is the
 * same everywhere, and any HTTP(S) request goes to a closed loopback port.
 */
export function terraformEnv(base: Readonly<Record<string, string | undefined>>, cliConfigFile: string): Record<string, string> {
  const kept = Object.entries(base).filter(
    (entry): entry is [string, string] => entry[1] !== undefined && !/^(TF_(?!LOG)|https?_proxy$|no_proxy$)/i.test(entry[0]),
  );
  const offline = 'http://127.0.0.1:9';
  return {
    ...Object.fromEntries(kept),
    TF_CLI_CONFIG_FILE: cliConfigFile,
    TF_IN_AUTOMATION: '1',
    TF_INPUT: '0',
    CHECKPOINT_DISABLE: '1',
    HTTP_PROXY: offline,
    HTTPS_PROXY: offline,
    NO_PROXY: '',
  };
}

export interface TerraformBinary {
  readonly version: string;
  readonly platform: string;
}

/** `terraform version -json` of the terraform on PATH, or why there is none. */
export function findTerraform(
  env: Readonly<Record<string, string | undefined>> = process.env,
): TerraformBinary | { readonly missing: string } {
  try {
    const out = execFileSync('terraform', ['version', '-json'], {
      env: { ...env, CHECKPOINT_DISABLE: '1' },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const parsed = JSON.parse(out) as { terraform_version?: string; platform?: string };
    if (!parsed.terraform_version) return { missing: 'terraform version -json printed no version' };
    return { version: parsed.terraform_version, platform: parsed.platform ?? '' };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return {
      missing: code === 'ENOENT' ? 'terraform is not on PATH' : `terraform version failed: ${(error as Error).message.split('\n')[0]}`,
    };
  }
}
