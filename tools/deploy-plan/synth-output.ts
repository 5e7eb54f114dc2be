import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SynthStack } from '../synth/output.js';

/** A synthesized stack with the stack dependencies cdktf recorded for it. */
export interface SynthesizedStack extends SynthStack {
  /** Stacks it depends on: its cross-stack references and explicit `addDependency` calls (manifest.json). */
  readonly dependencies: readonly string[];
}

interface Manifest {
  readonly stacks: Record<string, { readonly name: string; readonly dependencies?: string[]; readonly synthesizedStackPath: string }>;
}

/**
 * Every stack of a synth output folder (`cdktf.out`): its Terraform JSON and
 * the dependencies `manifest.json` records, sorted by name.
 */
export function readSynthesizedStacks(outDir: string): SynthesizedStack[] {
  const manifestFile = join(outDir, 'manifest.json');
  if (!existsSync(manifestFile)) throw new Error(`${manifestFile} not found: run \`npm run synth\` first`);
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Manifest;
  return Object.values(manifest.stacks)
    .map((s) => ({
      name: s.name,
      json: JSON.parse(readFileSync(join(outDir, s.synthesizedStackPath), 'utf8')) as SynthStack['json'],
      dependencies: [...(s.dependencies ?? [])].sort(),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}
