import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SynthStack, TerraformJson } from '../synth/output.js';

/** What the diff compares: a SynthOutput, or the same trees read back from a synth folder. */
export interface SynthTree {
  readonly stacks: readonly SynthStack[];
  readonly clusters: readonly { readonly dir: string; readonly files: ReadonlyMap<string, string> }[];
}

const sortedDirs = (dir: string): string[] =>
  existsSync(dir)
    ? readdirSync(dir, { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => d.name)
        .sort()
    : [];

export interface TreeLayout {
  /** @default 'cdktf.out' */
  readonly terraformDir?: string;
  /** @default 'dist' */
  readonly manifestsDir?: string;
}

/**
 * Reads `cdktf.out/stacks/<stack>/cdk.tf.json` and `dist/<env>/<region>/*.yaml`
 * below `root` (a synth's output folders; `dist/reports` is not a cluster).
 */
export function readSynthTree(root: string, layout: TreeLayout = {}): SynthTree {
  const stacksDir = join(root, layout.terraformDir ?? 'cdktf.out', 'stacks');
  const stacks = sortedDirs(stacksDir)
    .filter((name) => existsSync(join(stacksDir, name, 'cdk.tf.json')))
    .map((name) => ({ name, json: JSON.parse(readFileSync(join(stacksDir, name, 'cdk.tf.json'), 'utf8')) as TerraformJson }));
  const dist = join(root, layout.manifestsDir ?? 'dist');
  const clusters = sortedDirs(dist)
    .filter((env) => env !== 'reports')
    .flatMap((env) =>
      sortedDirs(join(dist, env)).map((region) => {
        const dir = join(dist, env, region);
        const files = new Map(
          readdirSync(dir)
            .filter((f) => f.endsWith('.yaml'))
            .sort()
            .map((f) => [f, readFileSync(join(dir, f), 'utf8')] as const),
        );
        return { dir: `${env}/${region}`, files };
      }),
    );
  return { stacks, clusters };
}
