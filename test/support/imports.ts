import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/** The repository root. */
export const ROOT = resolve(import.meta.dirname, '..', '..');

/** Every `.ts` file below `dir`. */
export function typescriptFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return typescriptFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

/** Every module a file names: static imports and re-exports (type-only ones too) and dynamic imports. */
export function specifiers(source: string): string[] {
  const found = [
    ...source.matchAll(/^\s*(?:import|export)\s[^;]*?\sfrom\s+['"]([^'"]+)['"]/gms),
    ...source.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm),
    ...source.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g),
  ];
  return found.map((m) => m[1] ?? '');
}

/** Every repository file each file below `dir` imports (relative specifiers, `x.js` read as `x.ts`), paths relative to the root. */
export function repositoryImports(dir: string): Map<string, string[]> {
  const files = typescriptFiles(join(ROOT, dir))
    .map((f) => relative(ROOT, f))
    .sort();
  return new Map(
    files.map((file) => [
      file,
      specifiers(readFileSync(join(ROOT, file), 'utf8'))
        .filter((s) => s.startsWith('.'))
        .map((s) => relative(ROOT, resolve(ROOT, dirname(file), s)).replace(/\.js$/, '.ts')),
    ]),
  );
}

/** The files below `dir` each file imports, paths relative to the root. */
export function importGraph(dir: string): Map<string, string[]> {
  const graph = repositoryImports(dir);
  const known = new Set(graph.keys());
  return new Map([...graph].map(([file, targets]) => [file, targets.filter((target) => known.has(target))]));
}

/** Each import cycle of a graph once, as `a.ts -> b.ts -> a.ts` (depth-first, files in sorted order). */
export function importCycles(graph: ReadonlyMap<string, readonly string[]>): string[] {
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const cycles: string[] = [];
  const visit = (file: string): void => {
    state.set(file, 'open');
    path.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'open') cycles.push([...path.slice(path.indexOf(next)), next].join(' -> '));
      else if (!state.has(next)) visit(next);
    }
    path.pop();
    state.set(file, 'done');
  };
  for (const file of graph.keys()) if (!state.has(file)) visit(file);
  return cycles;
}
