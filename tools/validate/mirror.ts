/**
 * Finds a local Terraform provider mirror: a folder laid out as Terraform's
 * `filesystem_mirror` expects (`<host>/<namespace>/<type>/<version>/<os>_<arch>/`
 * unpacked, or `<host>/<namespace>/<type>/terraform-provider-<type>_<version>_<os>_<arch>.zip`
 * packed), holding `registry.terraform.io/hashicorp/aws`. No network: what is not
 * in the mirror is not installable.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export const MIRROR_ENV = 'TF_PROVIDER_MIRROR';
export const AWS_PROVIDER = 'registry.terraform.io/hashicorp/aws';

export interface Candidate {
  readonly path: string;
  /** Why this folder is looked at, for the report (`TF_PROVIDER_MIRROR`, `Terraform's user plugin folder`...). */
  readonly why: string;
}

export interface Mirror extends Candidate {
  /** Versions of each provider the mirror holds for this platform, keyed by source address. */
  readonly providers: ReadonlyMap<string, readonly string[]>;
}

export interface MirrorEnvironment {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly home: string;
  readonly cwd: string;
}

/**
 * Where to look, in order: the explicit override, then Terraform's own implied
 * local mirror folders (cwd `terraform.d/plugins`, `~/.terraform.d/plugins`, the XDG
 * data folders), then the folders machine images conventionally install into.
 */
export function mirrorCandidates({ env, home, cwd }: MirrorEnvironment): Candidate[] {
  const override = env[MIRROR_ENV];
  if (override) return [{ path: override, why: MIRROR_ENV }];
  const dataHome = env.XDG_DATA_HOME || join(home, '.local/share');
  const dataDirs = (env.XDG_DATA_DIRS || '/usr/local/share:/usr/share').split(':').filter(Boolean);
  return [
    { path: join(cwd, 'terraform.d/plugins'), why: 'terraform.d/plugins in the working directory' },
    { path: join(home, '.terraform.d/plugins'), why: "Terraform's user plugin folder" },
    ...[dataHome, ...dataDirs].map((dir) => ({ path: join(dir, 'terraform/plugins'), why: 'an XDG data folder' })),
    { path: '/opt/tf-plugins', why: 'a machine-image provider folder' },
    { path: '/opt/terraform/plugins', why: 'a machine-image provider folder' },
  ];
}

/** `linux_amd64` for this process, as Terraform names platforms. */
export function terraformPlatform(platform: string = process.platform, arch: string = process.arch): string {
  const goArch: Record<string, string> = { x64: 'amd64', arm64: 'arm64', ia32: '386', arm: 'arm' };
  return `${platform === 'win32' ? 'windows' : platform}_${goArch[arch] ?? arch}`;
}

const isDir = (path: string) => existsSync(path) && statSync(path).isDirectory();
const subdirs = (path: string) => (isDir(path) ? readdirSync(path).filter((d) => isDir(join(path, d))) : []);

/** Provider versions a mirror folder holds for `platform`, keyed by `host/namespace/type`. */
export function mirroredProviders(root: string, platform: string = terraformPlatform()): Map<string, string[]> {
  const providers = new Map<string, string[]>();
  for (const host of subdirs(root)) {
    for (const namespace of subdirs(join(root, host))) {
      for (const type of subdirs(join(root, host, namespace))) {
        const dir = join(root, host, namespace, type);
        const unpacked = subdirs(dir).filter((version) => isDir(join(dir, version, platform)));
        const packed = readdirSync(dir).flatMap((f) => {
          const m = /^terraform-provider-(.+)_([^_]+)_([^_]+_[^_]+)\.zip$/.exec(f);
          return m && m[1] === type && m[3] === platform && m[2] ? [m[2]] : [];
        });
        const versions = [...new Set([...unpacked, ...packed])].sort(compareVersions);
        if (versions.length > 0) providers.set(`${host}/${namespace}/${type}`, versions);
      }
    }
  }
  return providers;
}

/** The first candidate holding the AWS provider for this platform, or why none does. */
export function findMirror(environment: MirrorEnvironment, platform: string = terraformPlatform()): Mirror | { readonly missing: string } {
  const candidates = mirrorCandidates(environment);
  for (const candidate of candidates) {
    const providers = mirroredProviders(candidate.path, platform);
    if (providers.has(AWS_PROVIDER)) return { ...candidate, providers };
  }
  const where = candidates.map((c) => c.path).join(', ');
  return environment.env[MIRROR_ENV]
    ? { missing: `${MIRROR_ENV}=${where} holds no ${AWS_PROVIDER} for ${platform}` }
    : {
        missing: `no provider mirror holding ${AWS_PROVIDER} for ${platform} in ${where} (set ${MIRROR_ENV} to the folder that holds registry.terraform.io/)`,
      };
}

export const processMirrorEnvironment = (): MirrorEnvironment => ({ env: process.env, home: homedir(), cwd: process.cwd() });

/** Numeric semver order (pre-releases sort before their release). */
export function compareVersions(a: string, b: string): number {
  const parts = (v: string) => v.split(/[.-]/).map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  const [pa, pb] = [parts(a), parts(b)];
  for (let i = 0; i < Math.max(pa.length, pb.length); i += 1) {
    const [x, y] = [pa[i], pb[i]];
    if (x === y) continue;
    if (x === undefined) return typeof y === 'number' ? -1 : 1;
    if (y === undefined) return typeof x === 'number' ? 1 : -1;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    return typeof x === 'number' ? 1 : typeof y === 'number' ? -1 : String(x).localeCompare(String(y));
  }
  return 0;
}
