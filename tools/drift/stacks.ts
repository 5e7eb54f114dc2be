import { readFileSync } from 'node:fs';
import { join } from 'node:path';

interface Manifest {
  readonly stacks: Record<string, { readonly name: string; readonly dependencies: string[]; readonly synthesizedStackPath: string }>;
}

/**
 * The synthesized stacks of one environment that keep remote state, in
 * dependency order (then by name). A stack on a local backend would be
 * applied by hand, so CI neither plans nor deploys it (the state stack has the
 * S3 backend too: its local-state first apply is an override, README).
 */
export function environmentStacks(outDir: string, envName: string): string[] {
  const manifest = JSON.parse(readFileSync(join(outDir, 'manifest.json'), 'utf8')) as Manifest;
  const selected = Object.values(manifest.stacks)
    .filter((s) => s.name.startsWith(`${envName}-`))
    .filter((s) => {
      const tf = JSON.parse(readFileSync(join(outDir, s.synthesizedStackPath), 'utf8')) as { terraform?: { backend?: Record<string, unknown> } };
      return tf.terraform?.backend?.local === undefined;
    })
    .sort((a, b) => a.name.localeCompare(b.name));
  const names = new Set(selected.map((s) => s.name));
  const ordered: string[] = [];
  const visit = (name: string, trail: string[]) => {
    if (ordered.includes(name)) return;
    if (trail.includes(name)) throw new Error(`stack dependency cycle: ${[...trail, name].join(' -> ')}`);
    for (const dep of manifest.stacks[name]?.dependencies ?? []) if (names.has(dep)) visit(dep, [...trail, name]);
    ordered.push(name);
  };
  for (const s of selected) visit(s.name, []);
  return ordered;
}
