/**
 * What the provider version the stacks pin knows, read from the prebuilt cdktf
 * bindings generated from it (`@cdktf/provider-aws` 21.x is generated from
 * hashicorp/aws 6.25.0). This is the evidence for version skew: an argument the
 * mirrored provider rejects but the pinned one declares.
 *
 * The bindings are read as text (never imported: the barrel costs seconds).
 * Each resource's module serializes its arguments in `synthesizeAttributes()`
 * and each nested block in a `<struct>ToTerraform(struct)` function, as
 * `argument_name: <mapper>(...)`; nested blocks name their struct function.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export type ConfigKind = 'resource' | 'data' | 'provider';

export interface ProviderKnowledge {
  /** `registry.terraform.io/hashicorp/aws` */
  readonly source: string;
  /** Provider version the bindings were generated from. */
  readonly version: string;
  /** Where the evidence comes from, for the report. */
  readonly evidence: string;
  knowsType(kind: ConfigKind, type: string): boolean;
  /** Whether `name` is an argument or block of `type` inside the nested blocks `blocks` (outermost first). */
  knowsArgument(kind: ConfigKind, type: string, blocks: readonly string[], name: string): boolean;
}

interface PackageJson {
  readonly name: string;
  readonly version: string;
  readonly cdktf?: { readonly provider?: { readonly name?: string; readonly version?: string } };
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The body of `synthesizeAttributes()` (the resource's own arguments) in a generated module. */
function topLevelBody(source: string): string | undefined {
  return /\n {4}synthesizeAttributes\(\) \{\n([\s\S]*?)\n {4}\}\n/.exec(source)?.[1];
}

/** The body of the generated `function <name>(struct)`: the arguments of one nested block. */
function structBody(source: string, fn: string): string | undefined {
  return new RegExp(`\\nfunction ${escape(fn)}\\(struct\\) \\{\\n([\\s\\S]*?)\\n\\}\\n`).exec(source)?.[1];
}

/** The serializer line of `name` in a body: `name: <mapper>(...)`, with the struct function of a nested block. */
function member(body: string, name: string): { found: boolean; struct?: string } {
  const line = new RegExp(`^\\s+${escape(name)}: (.*)$`, 'm').exec(body)?.[1];
  if (line === undefined) return { found: false };
  const struct = /^(?:cdktf\.listMapper\()?(\w+ToTerraform)\b/.exec(line)?.[1];
  return struct ? { found: true, struct } : { found: true };
}

/** Knowledge from one installed `@cdktf/provider-*` package directory. */
export function cdktfProviderKnowledge(packageDir: string): ProviderKnowledge {
  const pkg = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as PackageJson;
  const source = pkg.cdktf?.provider?.name;
  const version = pkg.cdktf?.provider?.version;
  if (!source || !version) throw new Error(`${pkg.name} does not say which provider it was generated from (package.json cdktf.provider)`);
  const prefix = `${source.split('/').at(-1) ?? ''}_`;
  const lib = join(packageDir, 'lib');
  const modules = new Map<string, string | undefined>();

  /**
   * Module source of a type: `aws_eks_cluster` → lib/eks-cluster, data `aws_x` → lib/data-aws-x
   * (the generator's naming, which every module of 21.22 follows), checked by its tfResourceType.
   */
  const moduleSource = (kind: ConfigKind, type: string): string | undefined => {
    const key = `${kind}:${type}`;
    if (modules.has(key)) return modules.get(key);
    const dir =
      kind === 'provider'
        ? 'provider'
        : kind === 'data'
          ? `data-${type.replaceAll('_', '-')}`
          : type.slice(prefix.length).replaceAll('_', '-');
    const text = type.startsWith(prefix) || kind === 'provider' ? readModule(join(lib, dir, 'index.js')) : undefined;
    const known = text !== undefined && (kind === 'provider' || text.includes(`tfResourceType = "${type}";`)) ? text : undefined;
    modules.set(key, known);
    return known;
  };

  return {
    source,
    version,
    evidence: `${pkg.name} ${pkg.version} (generated from ${source} ${version})`,
    knowsType: (kind, type) => moduleSource(kind, type) !== undefined,
    knowsArgument(kind, type, blocks, name) {
      const text = moduleSource(kind, type);
      let body = text === undefined ? undefined : topLevelBody(text);
      for (const block of blocks) {
        const struct = body === undefined ? undefined : member(body, block).struct;
        body = text === undefined || struct === undefined ? undefined : structBody(text, struct);
      }
      return body !== undefined && member(body, name).found;
    },
  };
}

function readModule(path: string): string | undefined {
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}

/** The installed `@cdktf/provider-*` package generated from `source`, if any (searched under node_modules/@cdktf). */
export function findCdktfProviderPackage(root: string, source: string): string | undefined {
  const scope = join(root, 'node_modules', '@cdktf');
  if (!existsSync(scope)) return undefined;
  for (const dir of readdirSync(scope)
    .filter((d) => d.startsWith('provider-'))
    .sort()) {
    const path = join(scope, dir, 'package.json');
    const pkg = readModule(path);
    if (pkg !== undefined && (JSON.parse(pkg) as PackageJson).cdktf?.provider?.name === source) return join(scope, dir);
  }
  return undefined;
}
