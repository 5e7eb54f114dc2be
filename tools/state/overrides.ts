import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stateBucketName, stateKeyAliasArn, stateReplicaBucketName, stateReplicaRegion } from '../../config/derive/state.js';
import type { PlatformConfig } from '../../config/schema/platform.js';
import type { TerraformJson } from '../synth/output.js';

/** Terraform merges `*_override.tf.json` over the stack's `cdk.tf.json`; a synth replaces both. */
export const BOOTSTRAP_OVERRIDE_FILE = 'bootstrap_override.tf.json';
export const DR_OVERRIDE_FILE = 'dr_override.tf.json';
/** Where the bootstrap apply keeps its local state: beside cdktf.out, never inside it. */
export const BOOTSTRAP_STATE_DIR = '.bootstrap-state';

export const stateStackName = (envName: string): string => `${envName}-global-state`;

/** The bootstrap apply's backend: local state in a file synth never touches. */
export function bootstrapOverride(statePath: string): TerraformJson {
  return { terraform: { backend: { local: { path: statePath } } } };
}

type S3Config = Record<string, unknown>;

/**
 * The DR override of one synthesized stack: its S3 backend and its remote-state
 * reads moved to the state replica (bucket, region, the replica key's alias),
 * so Terraform reads, plans and if need be applies with the home region down.
 * `undefined` for a stack whose state is not in the environment's bucket.
 */
export function drOverride(config: PlatformConfig, envName: string, json: TerraformJson): TerraformJson | undefined {
  const bucket = stateBucketName(config, envName);
  const replica = stateReplicaBucketName(config, envName);
  const region = stateReplicaRegion(config, envName);
  if (!replica || !region)
    throw new Error(
      `environment '${envName}' has no state replica: it needs a second region (add one to environments.${envName}.regions.replicas)`,
    );
  const moved = (s3: S3Config): S3Config => ({ ...s3, bucket: replica, region, kms_key_id: stateKeyAliasArn(config, envName, region) });
  const backend = (json.terraform?.backend as Record<string, S3Config> | undefined)?.s3;
  if (!backend || backend.bucket !== bucket) return undefined;
  const reads = Object.entries(json.data?.terraform_remote_state ?? {}).filter(
    ([, b]) => b.backend === 's3' && (b.config as S3Config | undefined)?.bucket === bucket,
  );
  return {
    terraform: { backend: { s3: moved(backend) } },
    ...(reads.length > 0
      ? { data: { terraform_remote_state: Object.fromEntries(reads.map(([name, b]) => [name, { config: moved(b.config as S3Config) }])) } }
      : {}),
  };
}

const stacksDir = (root: string) => join(root, 'cdktf.out', 'stacks');
const write = (path: string, json: TerraformJson) => writeFileSync(path, `${JSON.stringify(json, null, 2)}\n`);

/** Writes the bootstrap override into the synthesized state stack; returns the state file it points at. */
export function writeBootstrapOverride(root: string, envName: string): string {
  const dir = join(stacksDir(root), stateStackName(envName));
  if (!existsSync(join(dir, 'cdk.tf.json'))) throw new Error(`no ${dir}/cdk.tf.json: run \`npm run synth\` first`);
  mkdirSync(join(root, BOOTSTRAP_STATE_DIR), { recursive: true });
  const statePath = join(root, BOOTSTRAP_STATE_DIR, `${stateStackName(envName)}.tfstate`);
  write(join(dir, BOOTSTRAP_OVERRIDE_FILE), bootstrapOverride(statePath));
  return statePath;
}

/** Writes the DR override into every synthesized stack of the environment; returns their names. */
export function writeDrOverrides(root: string, config: PlatformConfig, envName: string): string[] {
  const dir = stacksDir(root);
  if (!existsSync(dir)) throw new Error(`no ${dir}: run \`npm run synth\` first`);
  return readdirSync(dir)
    .filter((name) => name.startsWith(`${envName}-`) && existsSync(join(dir, name, 'cdk.tf.json')))
    .sort()
    .filter((name) => {
      const override = drOverride(config, envName, JSON.parse(readFileSync(join(dir, name, 'cdk.tf.json'), 'utf8')) as TerraformJson);
      if (override) write(join(dir, name, DR_OVERRIDE_FILE), override);
      return override !== undefined;
    });
}
